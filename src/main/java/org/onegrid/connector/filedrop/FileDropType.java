package org.onegrid.connector.filedrop;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.onegrid.config.ConfigProblem;
import org.onegrid.connector.ConnectorDefinition;
import org.onegrid.connector.ConnectorType;
import org.onegrid.connector.DefinitionBlock;
import org.onegrid.connector.DefinitionKey;
import org.onegrid.connector.DefinitionProblems;
import org.onegrid.connector.SourceSettings;
import org.springframework.stereotype.Component;

/** The {@code file-drop} type: its source keys, their checks, the folder check and its route's parameters. */
@Component
public final class FileDropType implements ConnectorType {

    public static final String NAME = "file-drop";
    static final String DONE = "done";
    static final String FAILED = "failed";

    static final List<DefinitionKey> KEYS = List.of(
            DefinitionKey.required("path", "the watched folder; done/ and failed/ are made inside it"),
            DefinitionKey.optional("format", "auto", "auto (by extension), csv or xlsx: which files are read"),
            DefinitionKey.optional("encoding", null, "the CSV encoding, UTF-8 or GBK (or GB18030); absent: UTF-8 unless a byte order mark says otherwise"),
            DefinitionKey.optional("delimiter", ",", "the CSV column separator, one character; \\t or tab for tabs"),
            DefinitionKey.optional("sheet", null, "the spreadsheet's sheet to read; absent: the first"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DefinitionKey> sourceKeys() {
        return KEYS;
    }

    @Override
    public SourceSettings bindSource(DefinitionBlock block) {
        Path path = null;
        String pathText = block.text("path");
        if (pathText != null) {
            try {
                path = Path.of(pathText);
            } catch (InvalidPathException e) {
                block.problem("path", "is not a folder path this system accepts.", "write a path such as var/inbox/party-building.");
            }
        }
        FileDropSource.Format format = FileDropSource.Format.AUTO;
        String formatText = block.text("format");
        try {
            format = FileDropSource.Format.valueOf(formatText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            block.problem("format", "unknown format " + formatText + ".", "use auto, csv or xlsx.");
        }
        Charset encoding = null;
        String encodingText = block.text("encoding");
        if (encodingText != null) {
            try {
                encoding = Charset.forName(encodingText.strip());
            } catch (IllegalArgumentException e) {
                block.problem("encoding", "unknown encoding " + encodingText + ".", "use UTF-8 or GBK (GB18030 for rare characters).");
            }
        }
        char delimiter = ',';
        String delimiterText = block.text("delimiter");
        if (delimiterText.equals("\\t") || delimiterText.equalsIgnoreCase("tab")) {
            delimiter = '\t';
        } else if (delimiterText.length() == 1 && delimiterText.charAt(0) != '"' && delimiterText.charAt(0) != '\n') {
            delimiter = delimiterText.charAt(0);
        } else {
            block.problem("delimiter", "must be one character other than a quote or a line break.",
                    "write delimiter: \",\" or delimiter: \";\" or delimiter: tab.");
        }
        String sheet = block.optionalText("sheet").orElse(null);
        if (sheet != null && format == FileDropSource.Format.CSV) {
            block.problem("sheet", "is set but format is csv, which has no sheets.", "remove sheet:, or set format: xlsx or auto.");
        }
        return path == null ? null : new FileDropSource(path, format, encoding, delimiter, sheet);
    }

    /** The folder exists or can be made, and the service may write in it (to move files to done/ and failed/). */
    @Override
    public List<ConfigProblem> checkConnectivity(ConnectorDefinition definition) {
        FileDropSource source = definition.source(FileDropSource.class);
        List<ConfigProblem> problems = new ArrayList<>();
        String where = DefinitionProblems.where(definition.file(), "source.path");
        try {
            for (Path dir : List.of(source.path(), source.path().resolve(DONE), source.path().resolve(FAILED))) {
                Files.createDirectories(dir);
            }
            Path probe = Files.createTempFile(source.path(), ".onegrid-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            problems.add(new ConfigProblem(where, "the folder " + source.path().toAbsolutePath() + " cannot be created or written ("
                    + e.getClass().getSimpleName() + ").", "create it and let the service's user write in it, or choose another path."));
        }
        return problems;
    }

    @Override
    public Map<String, Object> routeParameters(ConnectorDefinition definition) {
        FileDropSource source = definition.source(FileDropSource.class);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("connector", definition.id());
        parameters.put("path", source.path().toAbsolutePath().normalize().toString());
        parameters.put("extensions", source.format().extensions());
        return parameters;
    }
}
