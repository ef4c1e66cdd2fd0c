package dev.perfkit.metrics.servlet;

import dev.perfkit.assets.servlet.AssetServlet;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The usage example of {@link AssetMetricsFilter}, run by {@link AssetMetricsSnippetsIT}. */
class AssetMetricsSnippets {
    void basic(ServletContextHandler context, MeterRegistry registry, Path processedAssets) {
        // @start region="basic"
        context.addFilter(
                new FilterHolder(AssetMetricsFilter.create(registry)), "/assets/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(AssetServlet.forDirectory(processedAssets)), "/assets/*");
        // @end
    }
}
