package dev.todolist.ansible;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks that need no host: ansible-lint, Ansible's own syntax check and the tags offered. */
@Needs(Prerequisite.ANSIBLE)
class PlaybookStaticChecksTest {

    private final Ansible ansible = new Ansible(Ansible.shippedPlaybookDirectory(),
            // ansible-lint decrypts the vaulted group_vars with the example password to lint them.
            Map.of("ANSIBLE_VAULT_PASSWORD_FILE",
                    Ansible.shippedPlaybookDirectory().resolve(Ansible.EXAMPLE_VAULT_PASSWORD_FILE).toString()));

    @Test
    @Needs(Prerequisite.ANSIBLE_LINT)
    void roleAndPlaybookPassAnsibleLintsProductionProfileWithoutWarnings() {
        Ansible.Result lint = ansible.run(List.of("ansible-lint", "--offline", "--profile", "production", "--strict"));

        lint.assertSucceeded("ansible-lint");
        assertTrue(lint.output().contains("Passed with production profile: 0 failure(s), 0 warning(s)"), lint::describe);
    }

    @Test
    void playbookPassesTheSyntaxCheck(@TempDir Path work) {
        Path inventory = Ansible.localInventory(work, "production");

        Ansible.Result syntax = ansible.playbook(List.of("-i", inventory.toString(), "--syntax-check", "ansible-deploy.yml"));

        syntax.assertSucceeded("syntax check");
        assertTrue(syntax.output().contains("playbook: ansible-deploy.yml"), syntax::describe);
    }

    @Test
    void everyStageCanBeRunOnItsOwnByItsTag(@TempDir Path work) {
        Path inventory = Ansible.localInventory(work, "production");

        Ansible.Result tags = ansible.playbook(List.of("-i", inventory.toString(), "--list-tags", "ansible-deploy.yml"));

        tags.assertSucceeded("listing tags");
        assertTrue(tags.output().contains("TASK TAGS: [always, config, cron, deploy, verify]"), tags::describe);
    }

    @Test
    void backupOnDemandRunsOnlyWhenItsTagIsAsked(@TempDir Path work) {
        Path inventory = Ansible.localInventory(work, "production");

        Ansible.Result all = ansible.playbook(List.of("-i", inventory.toString(), "--list-tasks", "ansible-deploy.yml"));
        Ansible.Result backup = ansible.playbook(
                List.of("-i", inventory.toString(), "--list-tasks", "--tags", "backup", "ansible-deploy.yml"));

        assertFalse(all.assertSucceeded("listing tasks").output().contains("Backup | Back up the stack"), all::describe);
        String tasks = backup.assertSucceeded("listing backup tasks").output();
        assertTrue(tasks.contains("Backup | Back up the stack\tTAGS: [backup, never]"), backup::describe);
        assertFalse(tasks.contains("Deploy |"), backup::describe);
    }
}
