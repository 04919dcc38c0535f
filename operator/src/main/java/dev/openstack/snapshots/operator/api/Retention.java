package dev.openstack.snapshots.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How long a schedule's snapshots live, and how many of them a source keeps. */
public class Retention {

    @Size(max = 64)
    @Pattern(CronSyntax.DURATION_PATTERN)
    @JsonPropertyDescription("How long each snapshot is kept, as a Go-style duration of whole h, m and s (168h, 90m, "
            + "1h30m): the snapshot's keptUntil is its slot time plus keepFor. Absent: snapshots are kept until "
            + "maxCount prunes them or someone deletes them.")
    private String keepFor;

    @Min(1)
    @Max(NumericLimits.MAX_COUNT)
    @JsonPropertyDescription("At most this many Ready snapshots per source volume: when there are more, the oldest Ready "
            + "ones are deleted. Snapshots that are not Ready (still creating, or Erred) are never pruned and not "
            + "counted, and the newest Ready one of a source is never pruned. At least 1. Absent: no limit.")
    private Integer maxCount;

    public Retention() {
    }

    public Retention(String keepFor, Integer maxCount) {
        this.keepFor = keepFor;
        this.maxCount = maxCount;
    }

    public String getKeepFor() {
        return keepFor;
    }

    public void setKeepFor(String keepFor) {
        this.keepFor = keepFor;
    }

    public Integer getMaxCount() {
        return maxCount;
    }

    public void setMaxCount(Integer maxCount) {
        this.maxCount = maxCount;
    }
}
