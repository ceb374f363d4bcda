package dev.tributary.testplugin.notdestination;

/** Listed as a destination provider, but it is not one. */
public class NotADestination {
}
