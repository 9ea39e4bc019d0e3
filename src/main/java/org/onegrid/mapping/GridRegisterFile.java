package org.onegrid.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.onegrid.config.ConfigProblem;
import org.onegrid.config.ConfigProblemsException;
import org.onegrid.standardize.GridRegister;

/**
 * Reads the city's grid register from its YAML file (shape in docs/standardization.md) into the standardizers'
 * {@link GridRegister}, and refuses an unsound one with every problem listed. Unknown keys are errors.
 */
public final class GridRegisterFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private GridRegisterFile() {
    }

    /**
     * Loads and checks a register file.
     *
     * @throws ConfigProblemsException when the file is missing, unreadable, not in the register's shape, or unsound
     */
    public static GridRegister load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw problem(file.toString(), "", "the grid register file does not exist.",
                    "create it (docs/standardization.md shows the shape), or correct the path.");
        } catch (IOException e) {
            throw problem(file.toString(), "", "the grid register file cannot be read.",
                    "check the file's permissions.");
        }
    }

    /**
     * Reads and checks a register from a stream.
     *
     * @param name the file's name, for messages
     * @throws ConfigProblemsException when it is not in the register's shape, or unsound
     */
    public static GridRegister read(InputStream in, String name) {
        GridRegister register;
        try {
            register = YAML.readValue(in, GridRegister.class);
        } catch (UnrecognizedPropertyException e) {
            throw problem(name, path(e), "unknown key " + e.getPropertyName() + ".",
                    "the keys are " + e.getKnownPropertyIds().stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + " (docs/standardization.md).");
        } catch (JsonMappingException e) {
            throw problem(name, path(e), "not in the grid register's shape.",
                    "follow the shape in docs/standardization.md: city, districts, streets, communities, grids,"
                            + " estates.");
        } catch (IOException e) {
            throw problem(name, "", "not YAML.", "correct the YAML syntax.");
        }
        if (register == null) {
            throw problem(name, "", "the grid register file is empty.",
                    "fill it (docs/standardization.md shows the shape).");
        }
        List<ConfigProblem> problems = register.problems().stream().map(p -> {
            int colon = p.indexOf(": ");
            String key = colon < 0 ? "" : p.substring(0, colon);
            String message = colon < 0 ? p : p.substring(colon + 2);
            return new ConfigProblem(name + ": " + key, message + ".", "correct the register entry.");
        }).toList();
        ConfigProblemsException.throwIfAny(problems);
        return register;
    }

    private static String path(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static ConfigProblemsException problem(String name, String key, String message, String fix) {
        return new ConfigProblemsException(List.of(new ConfigProblem(key.isEmpty() ? name : name + ": " + key,
                message, fix)));
    }
}
