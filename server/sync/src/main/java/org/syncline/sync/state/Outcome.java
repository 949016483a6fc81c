package org.syncline.sync.state;

/** How one planned file action ended. */
public enum Outcome {
    /** Done as planned and verified. */
    DONE,
    /** Failed after all retries; the message says why. Nothing synchronized was harmed. */
    FAILED,
    /** Deliberately not done (filter, rule, preview, protection); the message says why. */
    SKIPPED,
    /** A conflict was detected and resolved (or left) per the job's policy. */
    CONFLICT,
    /** Done or left alone, with something the user should know. */
    WARNING
}
