package dev.tributary.testplugin.notconnector;

/** Listed as a connector, but it is not one. */
public class NotAConnector {
}
