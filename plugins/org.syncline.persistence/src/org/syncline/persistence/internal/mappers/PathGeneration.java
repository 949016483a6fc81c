package org.syncline.persistence.internal.mappers;

/** How many commits have changed a job path's synchronized state. */
public record PathGeneration(long pathId, long generation) {
}
