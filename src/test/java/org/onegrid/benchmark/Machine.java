package org.onegrid.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmark ran on, so figures from different machines are not compared blindly. */
final class Machine {

    private Machine() {}

    static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", procValue("/proc/cpuinfo", "model name"));
        String memory = procValue("/proc/meminfo", "MemTotal");
        machine.put("memory", memory.isEmpty() ? "unknown"
                : Long.parseLong(memory.replaceAll("[^0-9]", "")) / (1024 * 1024) + " GB");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static String procValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }
}
