package dev.openstack.snapshots.operator.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's and the process's own meters (heap and non-heap memory, GC pauses, threads, classes, CPU, open file
 * descriptors, uptime): what tells a memory limit set too low or a GC storm from a slow cloud.
 */
public final class ProcessMeters implements AutoCloseable {

    private final JvmGcMetrics gc;

    private ProcessMeters(JvmGcMetrics gc) {
        this.gc = gc;
    }

    public static ProcessMeters bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // The GC binder listens to GC notifications until closed.
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new ProcessMeters(gc);
    }

    @Override
    public void close() {
        gc.close();
    }
}
