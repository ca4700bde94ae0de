package dev.todolist.ansible;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
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

    /** ansible-playbook on the shipped playbook with a local production inventory and these options. */
    private Ansible.Result playbook(Path work, String... options) {
        List<String> arguments = new ArrayList<>(List.of("-i", Ansible.localInventory(work, "production").toString()));
        arguments.addAll(List.of(options));
        arguments.add("ansible-deploy.yml");
        return ansible.playbook(arguments);
    }

    @Test
    void playbookPassesTheSyntaxCheck(@TempDir Path work) {
        Ansible.Result syntax = playbook(work, "--syntax-check");

        syntax.assertSucceeded("syntax check");
        assertTrue(syntax.output().contains("playbook: ansible-deploy.yml"), syntax::describe);
    }

    @Test
    void everyStageCanBeRunOnItsOwnByItsTag(@TempDir Path work) {
        Ansible.Result tags = playbook(work, "--list-tags");

        tags.assertSucceeded("listing tags");
        assertTrue(tags.output().contains("TASK TAGS: [always, config, cron, deploy, verify]"), tags::describe);
    }

    @Test
    void backupOnDemandRunsOnlyWhenItsTagIsAsked(@TempDir Path work) {
        Ansible.Result all = playbook(work, "--list-tasks");
        Ansible.Result backup = playbook(work, "--list-tasks", "--tags", "backup");

        assertFalse(all.assertSucceeded("listing tasks").output().contains("Backup | Back up the stack"), all::describe);
        String tasks = backup.assertSucceeded("listing backup tasks").output();
        assertTrue(tasks.contains("Backup | Back up the stack\tTAGS: [backup, never]"), backup::describe);
        assertFalse(tasks.contains("Deploy |"), backup::describe);
    }
}
