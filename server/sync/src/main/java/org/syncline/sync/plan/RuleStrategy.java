package org.syncline.sync.plan;

/**
 * Decides one row for one rule. Rows arrive in {@link org.syncline.sync.replica.RelativePath#ORDER},
 * so a strategy may keep state about the folders above the current row. Entries reaching a
 * strategy are files or folders only; everything else was protected before.
 */
interface RuleStrategy {

    void decide(RowPlan plan);
}
