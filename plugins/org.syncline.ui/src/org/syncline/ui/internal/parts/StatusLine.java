package org.syncline.ui.internal.parts;

import jakarta.annotation.PostConstruct;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.syncline.ui.WorkbenchIds;

/** The status line at the bottom of the main window. */
public class StatusLine {

    static final String NO_DATABASE = "No database open";

    @PostConstruct
    public void createControls(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 2).applyTo(box);
        Label text = new Label(box, SWT.NONE);
        text.setText(NO_DATABASE);
        text.setData(WorkbenchIds.WIDGET_ID_KEY, WorkbenchIds.WIDGET_STATUS_TEXT);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(text);
        // The window's trim was laid out before its menu bar took its height (SWT on GTK),
        // which left this line below the visible area: lay the window out again once the
        // startup rendering is done.
        Shell shell = box.getShell();
        box.getDisplay().asyncExec(() -> {
            if (!shell.isDisposed()) {
                shell.layout(true, true);
            }
        });
    }
}
