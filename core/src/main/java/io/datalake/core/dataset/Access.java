package io.datalake.core.dataset;

import io.datalake.core.AccessLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may use a dataset, by the three roles every dataset gets: {@code read} (query the data),
 * {@code write} (deliver updates) and {@code admin} (change grants and the dataset itself). The
 * principals listed are allowed to assume the matching dataset role.
 */
public final class Access {
    private static final Access NONE = new Access(List.of(), List.of(), List.of());

    private final List<Principal> read;
    private final List<Principal> write;
    private final List<Principal> admin;

    private Access(List<Principal> read, List<Principal> write, List<Principal> admin) {
        this.read = List.copyOf(read);
        this.write = List.copyOf(write);
        this.admin = List.copyOf(admin);
    }

    /** No principal named: only the tier's defaults apply (internal data stays readable by the default reader). */
    public static Access none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Principals that may query the dataset. */
    public List<Principal> read() {
        return read;
    }

    /** Principals that may deliver updates. */
    public List<Principal> write() {
        return write;
    }

    /** Principals that may change the dataset's grants and settings. */
    public List<Principal> admin() {
        return admin;
    }

    /** The principals of one access level, i.e. who may assume that role of the dataset. */
    public List<Principal> principals(AccessLevel level) {
        return switch (level) {
            case READ -> read();
            case WRITE -> write();
            case ADMIN -> admin();
        };
    }

    public boolean isEmpty() {
        return read.isEmpty() && write.isEmpty() && admin.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Access other && read.equals(other.read) && write.equals(other.write)
                && admin.equals(other.admin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(read, write, admin);
    }

    @Override
    public String toString() {
        return "read " + read + ", write " + write + ", admin " + admin;
    }

    /** Builds {@link Access}; each list is empty unless principals are added. */
    public static final class Builder {
        private final List<Principal> read = new ArrayList<>();
        private final List<Principal> write = new ArrayList<>();
        private final List<Principal> admin = new ArrayList<>();

        private Builder() {
        }

        /** Adds principals, each a role ARN or role name. */
        public Builder read(String... principals) {
            return add("access.read", read, principals);
        }

        /** Adds principals, each a role ARN or role name. */
        public Builder write(String... principals) {
            return add("access.write", write, principals);
        }

        /** Adds principals, each a role ARN or role name. */
        public Builder admin(String... principals) {
            return add("access.admin", admin, principals);
        }

        public Builder read(Principal principal) {
            read.add(Objects.requireNonNull(principal, "principal"));
            return this;
        }

        public Builder write(Principal principal) {
            write.add(Objects.requireNonNull(principal, "principal"));
            return this;
        }

        public Builder admin(Principal principal) {
            admin.add(Objects.requireNonNull(principal, "principal"));
            return this;
        }

        private Builder add(String field, List<Principal> list, String... principals) {
            for (String text : principals) {
                list.add(Principal.parse(field + "[" + list.size() + "]", text));
            }
            return this;
        }

        /** @throws DatasetValidationException for each principal listed twice in the same list */
        public Access build() {
            Problems problems = new Problems();
            duplicates("access.read", read, problems);
            duplicates("access.write", write, problems);
            duplicates("access.admin", admin, problems);
            problems.throwIfAny();
            return new Access(read, write, admin);
        }

        // A repeated principal is harmless to IAM but nearly always a copy-paste slip hiding a
        // principal that was meant instead, so it is worth a question.
        private static void duplicates(String field, List<Principal> list, Problems problems) {
            Map<Principal, Integer> first = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                Integer earlier = first.putIfAbsent(list.get(i), i);
                if (earlier != null) {
                    String path = field + "[" + i + "]";
                    problems.add(path, path + " " + Messages.quote(list.get(i).value()) + " is already listed as "
                            + field + "[" + earlier + "]; list each principal once");
                }
            }
        }
    }
}
