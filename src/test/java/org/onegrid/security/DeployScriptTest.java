package org.onegrid.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;
import org.onegrid.testing.TestSubscribers;

/** deploy/kafka-security.sh grants a production cluster's subscribers exactly the ACLs the service applies itself. */
class DeployScriptTest {

    @Test
    void grantsEachSubscriberTheSameAclsAsTheService() throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("bash", "deploy/kafka-security.sh").redirectErrorStream(true);
        script.environment().put("SUBSCRIBERS_DIR", TestSubscribers.DIR.toString());
        Process process = script.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();

        Set<String> fromScript = new TreeSet<>();
        printed.lines().filter(l -> l.startsWith("kafka-acls.sh") && !l.contains("User:onegrid ")).forEach(line -> {
            String principal = word(line, "--allow-principal");
            String pattern = line.contains("--resource-pattern-type prefixed") ? "PREFIXED" : "LITERAL";
            String resource = line.contains("--topic") ? "TOPIC:" + word(line, "--topic") : "GROUP:" + word(line, "--group");
            String[] parts = line.split("--operation ");
            for (int i = 1; i < parts.length; i++) {
                fromScript.add(principal + " " + parts[i].split(" ")[0].toUpperCase() + " " + resource + " " + pattern);
            }
        });
        Set<String> fromService = new TreeSet<>();
        for (AclBinding acl : KafkaAcls.forSubscribers(TestSubscribers.load())) {
            fromService.add(acl.entry().principal() + " " + acl.entry().operation() + " " + acl.pattern().resourceType() + ":"
                    + acl.pattern().name() + " " + acl.pattern().patternType());
        }
        assertThat(fromService).isNotEmpty();
        assertThat(fromScript).isEqualTo(fromService);
        assertThat(printed).as("passwords are read from files, never printed").contains("$(cat secrets/street-office.password)");
    }

    private static String word(String line, String option) {
        return line.substring(line.indexOf(option) + option.length()).strip().split(" ")[0];
    }
}
