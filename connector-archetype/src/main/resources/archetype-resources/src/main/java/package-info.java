/**
 * The ${connectorName} connector plugin for Tributary. Only {@link ${package}.MyConnector} is used by the runtime,
 * through its service entry in {@code META-INF/services/dev.tributary.spi.BaseConnector}.
 */
package ${package};
