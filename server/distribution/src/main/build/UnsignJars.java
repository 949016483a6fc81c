import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the distribution: rewrites every signed jar in a folder without its signature
 * (run as a single-file program: {@code java UnsignJars.java FOLDER}).
 *
 * <p>Why: the JVM checks a signed jar's digests class by class as it loads them, and the start-up
 * cache of {@code bin/syncline} (CDS / AOT cache) refuses classes from signed jars, so the Eclipse
 * jars (EMF, Equinox; signed by the Eclipse Foundation) were loaded and verified from scratch on
 * every run (~0.25 s of each {@code syncline sync}). On a class path a jar signature protects nothing:
 * no trust anchor is checked; the installation archive is what a user trusts. Everything but the
 * signature files and the per-entry digests of the manifest is kept as it was.
 */
public final class UnsignJars {

    /** Signature block files, as {@link JarFile} recognizes them. */
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)|META-INF/SIG-[^/]+",
            Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: java UnsignJars.java FOLDER (a folder of jars)");
            System.exit(2);
        }
        int rewritten = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            for (Path jar : jars) {
                if (unsign(jar)) {
                    rewritten++;
                }
            }
        }
        System.out.println("UnsignJars: removed the signature of " + rewritten + " jar(s) in " + args[0]);
    }

    /** Rewrites {@code jar} without its signature, if it has one; the file is replaced atomically. */
    static boolean unsign(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(entry -> SIGNATURE.matcher(entry.getName()).matches())) {
                return false;
            }
            Path copy = jar.resolveSibling(jar.getFileName() + ".unsigned");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    if (SIGNATURE.matcher(entry.getName()).matches()) {
                        continue;
                    }
                    ZipEntry written = new ZipEntry(entry.getName());
                    written.setTime(entry.getTime());
                    out.putNextEntry(written);
                    try (InputStream in = zip.getInputStream(entry)) {
                        if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                            withoutDigests(in, out);
                        } else {
                            in.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
            Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    /** The manifest without the digest attributes of its per-entry sections (and sections left empty). */
    private static void withoutDigests(InputStream in, OutputStream out) throws IOException {
        Manifest manifest = new Manifest(in);
        for (Iterator<Map.Entry<String, Attributes>> sections = manifest.getEntries().entrySet().iterator(); sections.hasNext(); ) {
            Attributes attributes = sections.next().getValue();
            attributes.keySet().removeIf(name -> name.toString().toUpperCase(java.util.Locale.ROOT).endsWith("-DIGEST"));
            if (attributes.isEmpty()) {
                sections.remove();
            }
        }
        manifest.write(out);
    }
}
