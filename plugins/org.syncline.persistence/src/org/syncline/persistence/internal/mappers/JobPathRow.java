package org.syncline.persistence.internal.mappers;

/** One path of a job with the job's name, rule and subfolder masks ({@code JobMapper.selectOutlines}). */
public record JobPathRow(long jobId, String name, String rule, String subfolderMasks, Boolean ignoreCase, Long machineId,
                         String folder) {
}
