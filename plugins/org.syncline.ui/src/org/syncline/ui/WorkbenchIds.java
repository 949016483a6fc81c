package org.syncline.ui;

/**
 * Identifiers of the workbench's model elements and of the widgets that tests and later
 * contributions look up. The application model ({@code Application.e4xmi}) uses the same
 * element ids; nothing else in the code base spells them out.
 */
public final class WorkbenchIds {

    /** The SWT widget data key under which our widgets carry their id. */
    public static final String WIDGET_ID_KEY = "id";

    public static final String PRODUCT_NAME = "Syncline Workbench";

    public static final String WINDOW_MAIN = "org.syncline.ui.window.main";
    public static final String PART_NAVIGATOR = "org.syncline.ui.part.navigator";
    public static final String PART_STACK_EDITORS = "org.syncline.ui.partstack.editors";
    public static final String MENU_FILE = "org.syncline.ui.menu.file";
    public static final String MENU_HELP = "org.syncline.ui.menu.help";
    public static final String MENU_ITEM_EXIT = "org.syncline.ui.menuitem.exit";
    public static final String MENU_ITEM_ABOUT = "org.syncline.ui.menuitem.about";

    public static final String WIDGET_NAVIGATOR_TREE = "navigator.tree";
    public static final String WIDGET_STATUS_TEXT = "status.text";
    public static final String WIDGET_ABOUT_SHELL = "about.shell";
    public static final String WIDGET_ABOUT_NAME = "about.name";
    public static final String WIDGET_ABOUT_VERSION = "about.version";

    private WorkbenchIds() {
    }
}
