/**
 * The file masks and subfolder masks of a job's filter: the one grammar that the workbench
 * validates and the scanner applies, so a job means the same wherever it is read.
 *
 * <h2>Lists</h2>
 * A mask list is masks separated by {@code |} or {@code ;}; spaces around a mask do not count. A
 * mask starting with {@code -} excludes; one starting with {@code +}, or with neither, includes.
 * An empty or blank list selects everything. A name is selected when it matches at least one
 * including mask (or the list has none) and no excluding mask: exclusions win, and the order of
 * the masks does not matter. {@code |}, {@code ;} and spaces at either end of a name cannot be
 * written in a mask; match them with {@code ?}.
 *
 * <h2>Wildcards</h2>
 * {@code *} matches any run of characters, also none, and {@code ?} exactly one character; every
 * other character matches itself. Upper and lower case differ unless the job ignores case (then
 * {@code *.DOC} also selects {@code report.doc}). {@code *.*} matches every name, with or without
 * a dot, as on Windows.
 *
 * <h2>File masks</h2>
 * {@code *.* | -*.tmp | -~*.doc}: a file mask matches a file's name, never the folders it is in,
 * so it cannot contain {@code \} or {@code /}; folders are chosen by subfolder masks.
 *
 * <h2>Subfolder masks</h2>
 * {@code \Reports\ | -\Temp\ | -cache\}: a subfolder mask names a folder, one or more names
 * separated by {@code \} or {@code /} (the two are the same), and ends with a separator.
 * <ul>
 * <li>A mask that starts with a separator is anchored at the top of each of the job's folders:
 * {@code \Reports\} is the top-level Reports only, {@code \Reports\2024\} the 2024 inside it,
 * {@code \*\Temp\} any Temp one level down.</li>
 * <li>A mask without a leading separator matches at any depth: {@code cache\} is every folder
 * named cache, {@code build\tmp\} every tmp directly inside a folder named build.</li>
 * </ul>
 * An excluding mask leaves out the folder and everything in it. When a list has including masks,
 * only the files inside a folder one of them matches, at any depth below it, are selected; the
 * folders leading there are walked, but their own files are not selected. A wildcard never
 * matches across a separator.
 *
 * <h2>What is refused</h2>
 * Parsing throws a {@link org.syncline.masks.MaskSyntaxException} whose message names the mask by
 * its position and says how to write it, for: an empty mask (a doubled separator or a lone sign);
 * a file mask with {@code \} or {@code /}; a subfolder mask that does not end with a separator,
 * names no folder, has an empty, {@code .} or {@code ..} folder name, or starts with a drive such
 * as {@code C:} (masks are relative to each of the job's folders); any mask with a quote (masks are
 * written without quotes) or a control character. Other characters are accepted, including those
 * Windows does not allow in names such as {@code :} or {@code <}: Linux allows them, and on a
 * Windows folder such a mask simply matches nothing.
 */
package org.syncline.masks;
