package org.syncline.ui.internal.handlers;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.syncline.ui.WorkbenchIds;
import org.syncline.ui.internal.ProductInfo;

/** The About dialog: product name, version and build. */
public class AboutDialog extends Dialog {

    public AboutDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About " + WorkbenchIds.PRODUCT_NAME);
        shell.setData(WorkbenchIds.WIDGET_ID_KEY, WorkbenchIds.WIDGET_ABOUT_SHELL);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(16, 16).applyTo(area);

        Label name = new Label(area, SWT.NONE);
        name.setText(WorkbenchIds.PRODUCT_NAME);
        name.setFont(JFaceResources.getHeaderFont());
        name.setData(WorkbenchIds.WIDGET_ID_KEY, WorkbenchIds.WIDGET_ABOUT_NAME);

        Label version = new Label(area, SWT.NONE);
        version.setText(versionText());
        version.setData(WorkbenchIds.WIDGET_ID_KEY, WorkbenchIds.WIDGET_ABOUT_VERSION);

        Label blurb = new Label(area, SWT.WRAP);
        blurb.setText("File replication and synchronization for servers.");
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(blurb);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    /** The text of the version line, e.g. {@code Version 0.1.0 (build v20261124-1900)}. */
    static String versionText() {
        String qualifier = ProductInfo.buildQualifier();
        String build = qualifier.isEmpty() ? "" : " (build " + qualifier + ")";
        return "Version " + ProductInfo.releaseVersion() + build;
    }
}
