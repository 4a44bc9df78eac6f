package io.datalake.constructs.catalog;

import io.datalake.constructs.checks.Suppressions;
import io.datalake.constructs.storage.DataRetention;
import io.datalake.core.BackupSettings;
import io.datalake.core.RegistryTable;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.backup.BackupPlan;
import software.amazon.awscdk.services.backup.BackupPlanCopyActionProps;
import software.amazon.awscdk.services.backup.BackupPlanRule;
import software.amazon.awscdk.services.backup.BackupResource;
import software.amazon.awscdk.services.backup.BackupSelectionOptions;
import software.amazon.awscdk.services.backup.BackupVault;
import software.amazon.awscdk.services.backup.LockConfiguration;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Schedule;
import software.constructs.Construct;

/**
 * AWS Backup of the registry: a vault {@code <org>-datalake-<env>-registry} encrypted with the
 * platform key, whose recovery points nobody may delete early (a vault policy, and with
 * {@code vaultLock} a compliance-mode vault lock), and a plan that backs up every registry table
 * daily at {@value RegistryBackupProps#BACKUP_HOUR_UTC}:00 UTC, keeps each backup
 * {@code retentionDays}, and copies it to {@code copyToVaultArn} when set (another account or region).
 * Point-in-time recovery stays on the tables; these backups outlive a deleted table, and the copy
 * outlives the account.
 */
public class RegistryBackup extends Construct {
    private final BackupVault vault;
    private final BackupPlan plan;

    public RegistryBackup(Construct scope, String id, RegistryBackupProps props) {
        super(scope, id);
        BackupSettings settings = props.settings();
        Duration retention = Duration.days(settings.retentionDays());
        BackupVault.Builder vaultBuilder = BackupVault.Builder.create(this, "Vault")
                .backupVaultName(props.names().registryBackup())
                .encryptionKey(props.encryptionKey())
                // A vault access policy that denies deleting recovery points or shortening their lifecycle to everyone.
                .blockRecoveryPointDeletion(true)
                .removalPolicy(DataRetention.removalPolicy(this));
        if (settings.vaultLock()) {
            vaultBuilder.lockConfiguration(LockConfiguration.builder()
                    .minRetention(retention)
                    .changeableFor(Duration.days(BackupSettings.VAULT_LOCK_GRACE_DAYS))
                    .build());
        }
        this.vault = vaultBuilder.build();

        BackupPlanRule.Builder rule = BackupPlanRule.Builder.create()
                .ruleName("daily")
                .scheduleExpression(Schedule.cron(CronOptions.builder()
                        .minute("0").hour(String.valueOf(RegistryBackupProps.BACKUP_HOUR_UTC)).build()))
                .deleteAfter(retention);
        settings.copyToVaultArn().ifPresent(arn -> rule.copyActions(List.of(BackupPlanCopyActionProps.builder()
                .destinationBackupVault(BackupVault.fromBackupVaultArn(this, "CopyVault", arn))
                .deleteAfter(retention)
                .build())));
        this.plan = BackupPlan.Builder.create(this, "Plan")
                .backupPlanName(props.names().registryBackup())
                .backupVault(vault)
                .backupPlanRules(List.of(rule.build()))
                .build();
        List<BackupResource> tables = new ArrayList<>();
        for (RegistryTable kind : RegistryTable.values()) {
            tables.add(BackupResource.fromDynamoDbTable(props.registry().table(kind)));
        }
        plan.addSelection("Tables", BackupSelectionOptions.builder()
                .backupSelectionName("registry-tables")
                .resources(tables)
                .allowRestores(true)
                .build());
        Suppressions.add(plan, "AwsSolutions-IAM4", "AWS Backup's own service-role policies are the documented way to"
                + " let it back up and restore the selected tables; the role is used by AWS Backup only.",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"));
    }

    public BackupVault vault() {
        return vault;
    }

    public BackupPlan plan() {
        return plan;
    }
}
