package io.datalake.constructs.monitoring;

import io.datalake.core.LakeNames;
import java.util.Objects;
import software.amazon.awscdk.services.kms.IKey;

/** Properties of {@link LakeAlarms}. */
public final class LakeAlarmsProps {
    private final LakeNames names;
    private final IKey encryptionKey;

    private LakeAlarmsProps(Builder b) {
        this.names = Objects.requireNonNull(b.names, "names is required");
        this.encryptionKey = Objects.requireNonNull(b.encryptionKey, "encryptionKey is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public LakeNames names() {
        return names;
    }

    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** Builds {@link LakeAlarmsProps}; every field is required. */
    public static final class Builder {
        private LakeNames names;
        private IKey encryptionKey;

        private Builder() {
        }

        /** The environment's names; the topic is named from them and its settings hold the e-mail. */
        public Builder names(LakeNames names) {
            this.names = names;
            return this;
        }

        /** Encrypts the alarm topic. */
        public Builder encryptionKey(IKey key) {
            this.encryptionKey = key;
            return this;
        }

        public LakeAlarmsProps build() {
            return new LakeAlarmsProps(this);
        }
    }
}
