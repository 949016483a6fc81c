package org.syncline.releng.codegen;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.generator.GeneratorAdapterFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.GenPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * Generates the Java code of one bundle's EMF model without an Eclipse workspace.
 *
 * <p>Usage: {@code GenerateModel <bundle directory> <genmodel path relative to the bundle>}.
 * The genmodel's {@code modelDirectory} (for example {@code /org.syncline.model/src-gen}) is
 * deleted and generated anew, so it must hold nothing but generated code. Only the model code
 * of each GenPackage is generated: the bundle's MANIFEST.MF and plugin.xml are hand-written
 * and never touched.
 *
 * <p>Exits with status 1 and a message when the genmodel cannot be loaded or the generator
 * reports an error.
 */
public final class GenerateModel {

    private GenerateModel() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length != 2) {
            System.err.println("usage: GenerateModel <bundle directory> <genmodel path in the bundle>");
            System.exit(2);
        }
        Path bundle = Path.of(args[0]).toAbsolutePath().normalize();
        Diagnostic result = generate(bundle, bundle.resolve(args[1]));
        if (result.getSeverity() >= Diagnostic.ERROR) {
            System.err.println("EMF code generation failed: " + describe(result));
            System.exit(1);
        }
    }

    /** Generates the model code for every GenPackage of the genmodel; returns the generator's diagnostic. */
    static Diagnostic generate(Path bundle, Path genModelFile) throws IOException, URISyntaxException {
        ResourceSet resources = new ResourceSetImpl();
        resources.getResourceFactoryRegistry().getExtensionToFactoryMap().put("ecore", new EcoreResourceFactoryImpl());
        resources.getResourceFactoryRegistry().getExtensionToFactoryMap().put("*", new XMIResourceFactoryImpl());
        resources.getPackageRegistry().put(GenModelPackage.eNS_URI, GenModelPackage.eINSTANCE);
        resources.getPackageRegistry().put(EcorePackage.eNS_URI, EcorePackage.eINSTANCE);

        String bundleName = bundle.getFileName().toString();
        resources.getURIConverter().getURIMap().put(
                URI.createPlatformResourceURI("/" + bundleName + "/", false),
                URI.createFileURI(bundle.toString() + "/"));
        Path ecoreJar = Path.of(EcorePackage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        resources.getURIConverter().getURIMap().put(
                URI.createPlatformPluginURI("/org.eclipse.emf.ecore/", false),
                URI.createURI("jar:" + URI.createFileURI(ecoreJar.toString()) + "!/"));

        Resource genModelResource = resources.getResource(
                URI.createPlatformResourceURI("/" + bundleName + "/" + bundle.relativize(genModelFile), false), true);
        GenModel genModel = (GenModel) genModelResource.getContents().get(0);
        genModel.reconcile();
        genModel.setCanGenerate(true);

        deleteGeneratedFolder(bundle, genModel.getModelDirectory());

        GeneratorAdapterFactory.Descriptor.Registry.INSTANCE.addDescriptor(
                GenModelPackage.eNS_URI, GenModelGeneratorAdapterFactory.DESCRIPTOR);
        Generator generator = new Generator();
        generator.setInput(genModel);
        BasicMonitor.Printing monitor = new BasicMonitor.Printing(System.out);
        Diagnostic worst = Diagnostic.OK_INSTANCE;
        for (GenPackage genPackage : genModel.getGenPackages()) {
            Diagnostic diagnostic = generator.generate(genPackage, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE, monitor);
            if (diagnostic.getSeverity() > worst.getSeverity()) {
                worst = diagnostic;
            }
        }
        return worst;
    }

    private static void deleteGeneratedFolder(Path bundle, String modelDirectory) throws IOException {
        String prefix = "/" + bundle.getFileName() + "/";
        if (modelDirectory == null || !modelDirectory.startsWith(prefix) || modelDirectory.length() == prefix.length()) {
            throw new IllegalArgumentException("modelDirectory must be a folder inside the bundle, was " + modelDirectory);
        }
        Path folder = bundle.resolve(modelDirectory.substring(prefix.length()));
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String describe(Diagnostic diagnostic) {
        StringBuilder text = new StringBuilder(String.valueOf(diagnostic.getMessage()));
        for (Diagnostic child : diagnostic.getChildren()) {
            text.append(System.lineSeparator()).append("  ").append(describe(child));
        }
        if (diagnostic.getException() != null) {
            text.append(System.lineSeparator()).append("  caused by ").append(diagnostic.getException());
        }
        return text.toString();
    }
}
