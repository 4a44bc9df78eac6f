package io.datalake.registry.commit;

/**
 * The steps of one commit, in order; {@link CommitFaults} is called after each, so a test can stop
 * the commit there (as a kill would) and check that recovery leaves no visible update or exactly one
 * complete one.
 */
public enum CommitStep {
    /** The attempt holds the update in the registry (conditional write). */
    BEGUN,
    /** The folder the attempt wrote lists exactly the manifest's files; strays are deleted. */
    VERIFIED,
    /** The manifest of the new state is written: the commit point. */
    MANIFEST_WRITTEN,
    /** The registry says the new state (conditional on the old one and the attempt). */
    REGISTERED,
    /** The new state was announced; the attempt lets go of the update next. */
    ANNOUNCED
}
