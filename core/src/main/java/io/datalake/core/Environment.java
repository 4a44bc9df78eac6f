package io.datalake.core;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One deployment of the lake (dev, uat, prod, local): the organisation it belongs to, the AWS
 * account and region it lives in, and its settings. Values are checked when it is built, so a
 * bad org or region is reported before anything is synthesized.
 */
public final class Environment {
    private static final Pattern ORG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,9}");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
    static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private final String org;
    private final String name;
    private final String account;
    private final String region;
    private final EnvironmentSettings settings;
    private final String datasets;
    private final String pipelines;

    private Environment(Builder b) {
        this.org = check("org", b.org, ORG,
                "1 to 20 lowercase letters, digits or inner hyphens (it starts every bucket name)");
        this.name = check("env", b.name, NAME, "1 to 10 lowercase letters or digits, starting with a letter");
        this.region = check("region", b.region, REGION, "an AWS region such as eu-west-1");
        if (b.account != null && !b.account.isBlank()) {
            this.account = check("account", b.account.trim(), ACCOUNT, "12 digits, or unset for an env-agnostic synth");
        } else {
            this.account = null;
        }
        this.settings = b.settings == null ? EnvironmentSettings.defaults() : b.settings;
        if (account == null && settings.replication().flatMap(ReplicationSettings::account).isPresent()) {
            throw new LakeConfigException("account must be set when settings.replication.account is: the replica"
                    + " buckets of another account trust this environment's replication role by its account");
        }
        this.datasets = b.datasets == null || b.datasets.isBlank() ? null : b.datasets;
        this.pipelines = b.pipelines == null || b.pipelines.isBlank() ? null : b.pipelines;
    }

    private static String check(String field, String value, Pattern pattern, String allowed) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new LakeConfigException(field + " must be " + allowed + ", but "
                    + (value == null ? "nothing" : "'" + value + "'") + " was given");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The organisation prefix of every name, e.g. {@code acme}. */
    public String org() {
        return org;
    }

    /** The environment's name, e.g. {@code dev}. */
    public String name() {
        return name;
    }

    /** The AWS account id; empty for an env-agnostic synth. */
    public Optional<String> account() {
        return Optional.ofNullable(account);
    }

    public String region() {
        return region;
    }

    public EnvironmentSettings settings() {
        return settings;
    }

    /**
     * The folder of dataset files deployed with the environment (relative to {@code cdk.json});
     * empty when datasets are deployed one by one with {@code lake deploy-dataset}.
     */
    public Optional<String> datasets() {
        return Optional.ofNullable(datasets);
    }

    /**
     * The folder of pipeline folders deployed with the environment (relative to {@code cdk.json});
     * empty when the environment runs no pipelines of its own (the built-in conversion still runs).
     */
    public Optional<String> pipelines() {
        return Optional.ofNullable(pipelines);
    }

    /** Whether the tier is enabled in this environment's settings. */
    public boolean hasTier(Tier tier) {
        return settings.enabledTiers().contains(tier);
    }

    @Override
    public String toString() {
        return name + " (" + org + ", " + (account == null ? "any account" : account) + ", " + region + ")";
    }

    /** Builds an {@link Environment}; org, env name and region are required. */
    public static final class Builder {
        private String org;
        private String name;
        private String account;
        private String region;
        private EnvironmentSettings settings;
        private String datasets;
        private String pipelines;

        private Builder() {
        }

        public Builder org(String org) {
            this.org = org;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @default unset: the stacks are account-agnostic */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** @default {@link EnvironmentSettings#defaults()} */
        public Builder settings(EnvironmentSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** @default none: no dataset stacks are synthesized with the environment */
        public Builder datasets(String folder) {
            this.datasets = folder;
            return this;
        }

        /** @default none: only the built-in conversion is deployed with the environment */
        public Builder pipelines(String folder) {
            this.pipelines = folder;
            return this;
        }

        public Environment build() {
            return new Environment(this);
        }
    }
}
