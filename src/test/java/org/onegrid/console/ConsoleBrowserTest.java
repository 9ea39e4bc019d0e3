package org.onegrid.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.onegrid.OneGridApplication;
import org.onegrid.connector.ConnectorState;
import org.onegrid.connector.internal.ConnectorStatuses;
import org.onegrid.embedded.population.City;
import org.onegrid.embedded.population.Population;
import org.onegrid.embedded.population.PopulationSpec;
import org.onegrid.embedded.sandbox.Sandbox;
import org.onegrid.publish.PersonTable;
import org.onegrid.schema.CandidateValue;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.TextValue;
import org.onegrid.testing.EmbeddedServiceProperties;
import org.onegrid.testing.FreePorts;
import org.onegrid.testing.ShippedConnector;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operations console in a real headless Chromium, against the whole service on its embedded defaults: the sandbox
 * departments (a generated city of {@value #PERSONS}), the shipped connector files for civil affairs (PostgreSQL
 * capture), public security (MariaDB capture) and party building (GBK drop folder), and two people: a grid worker of one
 * community (no ID numbers, no roles) and the sandbox's own staff (city-wide, reviewer and operator). It signs in, sees
 * only permitted grids and columns, watches a change made in the public-security database appear in its row, answers a
 * disagreement and sees the golden row take the chosen department's value, sees a rejected record (masked) and the
 * pipeline. Each page's screenshot is written under target/screenshots.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them); without them the
 * class is skipped, saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final int PERSONS = 300;
    static final long SEED = 7;
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path ROOT = Path.of("target", "console-browser-" + ProcessHandle.current().pid()).toAbsolutePath();
    static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();
    static final Duration PATIENCE = Duration.ofSeconds(120);

    static ConfigurableApplicationContext service;
    static ChromeDriver browser;
    static String base;
    static String workerKey;
    static City.Community community;
    static Path sandbox;
    static int mariadbPort;

    @BeforeAll
    static void startServiceAndBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the console's browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        Files.createDirectories(ROOT);
        sandbox = ROOT.resolve("sandbox");
        City city = Population.generate(new PopulationSpec(SEED, PERSONS)).city();
        community = city.districts().get(0).streets().get(0).communities().get(0);
        workerKey = writeGridWorker(ROOT.resolve("subscribers"), community.code());
        int postgresPort = FreePorts.next();
        mariadbPort = FreePorts.next();
        Path connectors = Files.createDirectories(ROOT.resolve("connectors"));
        ShippedConnector.relocate("civil-affairs", connectors, source -> source.put("port", postgresPort)
                .put("password", "${file:" + sandbox.resolve("secrets/civil-affairs.password") + "}")
                .put("state-dir", ROOT.resolve("state/civil-affairs").toString()));
        ShippedConnector.relocate("public-security", connectors, source -> source.put("port", mariadbPort)
                .put("password", "${file:" + sandbox.resolve("secrets/public-security.password") + "}")
                .put("state-dir", ROOT.resolve("state/public-security").toString()));
        ShippedConnector.relocate("party-building", connectors, source -> source.put("path", partyInbox().toString()));
        int port = FreePorts.next();
        Map<String, Object> properties = new java.util.LinkedHashMap<>(EmbeddedServiceProperties.on(ROOT));
        properties.putAll(Map.of(
                "server.port", port,
                "onegrid.sandbox.enabled", true,
                "onegrid.sandbox.dir", sandbox,
                "onegrid.sandbox.persons", PERSONS,
                "onegrid.sandbox.seed", SEED,
                "onegrid.sandbox.postgres-port", postgresPort,
                "onegrid.sandbox.mariadb-port", mariadbPort,
                "onegrid.sandbox.health-port", FreePorts.next(),
                "onegrid.mapping.grid-register", sandbox.resolve("grid-register.yaml")));
        service = new SpringApplicationBuilder(OneGridApplication.class).run(EmbeddedServiceProperties.asArguments(properties));
        base = "http://127.0.0.1:" + port;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN",
                "--user-data-dir=" + Files.createDirectories(ROOT.resolve("chromium")));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        Files.createDirectories(SHOTS);
        // The city is loaded when every source person has been resolved once: wait for the three connectors and a table.
        ConnectorStatuses statuses = service.getBean(ConnectorStatuses.class);
        await().atMost(PATIENCE).until(() -> List.of("civil-affairs", "public-security", "party-building").stream()
                .allMatch(id -> statuses.of(id).map(s -> s.state() == ConnectorState.RUNNING && s.recordsIn() > 0).orElse(false)));
        await().atMost(PATIENCE).until(() -> activePersons().size() > PERSONS / 2);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void aGridWorkerSeesOnlyTheGridsOfItsCommunityAndNoIdNumbers() throws IOException {
        signIn(workerKey);
        await().atMost(PATIENCE).until(() -> !browser.findElements(By.cssSelector("#rows tr")).isEmpty());

        steady(() -> {
            List<String> offered = browser.findElements(By.cssSelector("#grid option")).stream().map(o -> o.getAttribute("value")).toList();
            assertThat(offered).containsExactlyElementsOf(community.grids().stream().map(City.Grid::code).toList());
            List<String> headers = browser.findElements(By.cssSelector("#columns th")).stream().map(WebElement::getText).toList();
            assertThat(headers).contains("姓名", "住址").doesNotContain("身份证号");
            assertThat(browser.findElements(By.cssSelector("td[data-column=name] .src"))).isNotEmpty()
                    .allSatisfy(tag -> assertThat(tag.getAttribute("title")).startsWith("来源 source:"));
            assertThat(browser.findElements(By.cssSelector("header nav a"))).extracting(WebElement::getText)
                    .noneMatch(text -> text.contains("Pipeline") || text.contains("Rejected"));
        });
        shoot("grid-table");

        browser.get(base + "/console/pipeline.html");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("message")).getText().contains("operator"));
        signOut();
    }

    @Test
    @Order(2)
    void aChangeInThePublicSecurityDatabaseAppearsLiveInItsRow() throws Exception {
        signIn(staffKey());
        GoldenPerson person = activePersons().stream()
                .filter(p -> p.getSources().stream().anyMatch(s -> s.getConnector().equals("public-security")))
                .filter(p -> p.getName() != null && !p.getPhones().isEmpty())
                .findFirst().orElseThrow();
        String sourceKey = person.getSources().stream().filter(s -> s.getConnector().equals("public-security")).findFirst()
                .orElseThrow().getSourceKey();
        openRow(person);
        By rowOf = By.cssSelector("tr[data-person='" + person.getPersonId() + "']");
        long[] before = {0};
        String[] phonesBefore = {null};
        steady(() -> {
            WebElement row = browser.findElement(rowOf);
            before[0] = Long.parseLong(row.getAttribute("data-version"));
            phonesBefore[0] = row.findElement(By.cssSelector("td[data-column=phones] .value")).getText();
        });

        String mobile = "139" + String.format("%08d", new SecureRandom().nextInt(100_000_000));
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + mariadbPort + "/public_security", "onegrid",
                Files.readString(sandbox.resolve("secrets/public-security.password")).strip());
             PreparedStatement update = c.prepareStatement("UPDATE rk_jbxx SET LXDH = ?, GXSJ = ? WHERE RYBH = ?")) {
            update.setString(1, mobile);
            update.setString(2, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
            update.setString(3, sourceKey);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        By changed = By.cssSelector("tr.changed[data-person='" + person.getPersonId() + "']");
        await().atMost(Duration.ofSeconds(60)).until(() -> !browser.findElements(changed).isEmpty());
        steady(() -> {
            WebElement fresh = browser.findElement(changed);
            assertThat(Long.parseLong(fresh.getAttribute("data-version"))).isGreaterThan(before[0]);
            String phonesAfter = fresh.findElement(By.cssSelector("td[data-column=phones] .value")).getText();
            assertThat(phonesAfter).startsWith(mobile.substring(0, 3) + "****" + mobile.substring(7)).isNotEqualTo(phonesBefore[0]);
        });
        shoot("grid-table-live-change");
    }

    @Test
    @Order(3)
    void aReviewerAnswersADisagreementAndTheGoldenRowTakesTheChosenValue() throws IOException {
        signIn(staffKey());
        ConsoleFeed feed = service.getBean(ConsoleFeed.class);
        PersonTable table = service.getBean(PersonTable.class);
        AtomicReference<Conflict> question = new AtomicReference<>();
        AtomicReference<Integer> choice = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            for (Conflict c : feed.openConflicts()) {
                Optional<GoldenPerson> golden = table.person(c.getPersonId());
                if (c.getKind() != ConflictKind.FIELD_DISAGREEMENT || c.getGrid() == null || golden.isEmpty()
                        || !List.of("address", "name", "ethnicity").contains(c.getField())) {
                    continue;
                }
                String current = survivingConnector(golden.get(), c.getField());
                List<CandidateValue> candidates = c.getCandidates();
                for (int i = 0; i < candidates.size(); i++) {
                    if (!candidates.get(i).getProvenance().getConnector().equals(current)) {
                        question.set(c);
                        choice.set(i);
                        return true;
                    }
                }
            }
            return false;
        });
        Conflict conflict = question.get();
        CandidateValue chosen = conflict.getCandidates().get(choice.get());
        browser.get(base + "/console/worklist.html");
        By card = By.cssSelector("section[data-conflict='" + conflict.getConflictId() + "']");
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(card).isEmpty());
        shoot("verify-once");

        // The list is fetched anew every few seconds; a button found before a redraw is stale, and is found again.
        await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class).until(() -> {
            browser.findElement(card).findElements(By.cssSelector("button.choose")).get(choice.get()).click();
            return true;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElement(By.id("message")).getText().isEmpty());
        assertThat(browser.findElement(By.id("message")).getText()).contains("Sent");

        await().atMost(Duration.ofSeconds(60)).until(() -> browser.findElements(card).isEmpty());
        GoldenPerson golden = table.person(conflict.getPersonId()).orElseThrow();
        openRow(golden);
        steady(() -> {
            WebElement source = browser.findElement(By.cssSelector("tr[data-person='" + golden.getPersonId() + "'] td[data-column='"
                    + conflict.getField() + "'] .src"));
            assertThat(source.getAttribute("class")).contains("decided");
            assertThat(source.getAttribute("title")).contains("(" + chosen.getProvenance().getConnector() + ")");
        });
        shoot("grid-table-after-review");
    }

    @Test
    @Order(4)
    void anOperatorSeesARejectedRecordMaskedAndResubmitsOneTheMappingRejected() throws Exception {
        signIn(staffKey());
        List<String> columns = List.of("序号", "姓名", "性别", "身份证号", "出生日期", "民族", "联系电话", "居住地址", "所在支部", "入党日期");
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", columns));
        lines.add("T900001,赵测试,1,36050219850302123X,1985-03-02,汉,13812345678,长青社区阳光花园3栋,第一支部");
        lines.add("T900002,,1,,1985-03-02,汉,,长青社区阳光花园3栋,第一支部,2001-07-01");
        Path part = partyInbox().resolve("bad-export.csv.part");
        Files.write(part, lines, Charset.forName("GBK"));
        Files.move(part, partyInbox().resolve("bad-export.csv"), StandardCopyOption.ATOMIC_MOVE);

        browser.get(base + "/console/rejected.html");
        By columnCount = By.cssSelector("tr[data-reason=CSV_COLUMN_COUNT]");
        By noIdentity = By.xpath("//tr[starts-with(@data-reason, 'MAPPING_')][contains(., 'T900002')]//button[contains(@class, 'resubmit')]");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return !browser.findElements(columnCount).isEmpty() && !browser.findElements(noIdentity).isEmpty();
        });
        assertThat(browser.getPageSource()).doesNotContain("36050219850302123X", "13812345678")
                .contains("360502********123X", "138****5678");
        shoot("rejected-records");

        browser.findElement(noIdentity).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("message")).getText().contains("Re-submitted"));
    }

    @Test
    @Order(5)
    void anOperatorWatchesThePipelineLive() throws IOException {
        signIn(staffKey());
        browser.get(base + "/console/pipeline.html");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("live")).getText().contains("Live"));
        // The page draws itself anew every second: an element read across a redraw is stale, and is read again.
        steady(() -> {
            for (String connector : List.of("civil-affairs", "public-security", "party-building")) {
                WebElement row = browser.findElement(By.cssSelector("tr[data-connector='" + connector + "']"));
                assertThat(row.findElement(By.cssSelector(".state-RUNNING")).getText()).isEqualTo("RUNNING");
                assertThat(Long.parseLong(row.findElement(By.cssSelector(".records-in")).getText().replace(",", ""))).isPositive();
            }
            assertThat(browser.findElements(By.cssSelector("tr[data-stage]"))).extracting(r -> r.getAttribute("data-stage"))
                    .contains("mapping", "resolver", "publish");
            assertThat(browser.findElement(By.cssSelector("#broker b")).getText()).isEqualTo("UP");
        });
        shoot("pipeline");
    }

    private static void signIn(String key) {
        browser.get(base + "/console/");
        WebElement credential = browser.findElement(By.id("credential"));
        credential.clear();
        credential.sendKeys(key);
        browser.findElement(By.id("sign-in-button")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains("grid.html")
                || browser.getCurrentUrl().contains("pipeline.html"));
    }

    private static void signOut() {
        browser.findElement(By.xpath("//header//button[contains(., 'Sign out')]")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains("index.html"));
    }

    /** Opens the person's grid and searches their name, until their row shows. */
    private static void openRow(GoldenPerson person) {
        browser.get(base + "/console/grid.html?grid=" + person.getGrid().getGrid());
        By rowOf = By.cssSelector("tr[data-person='" + person.getPersonId() + "']");
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector("#rows tr")).isEmpty()
                && browser.findElement(By.id("live")).getText().contains("Live"));
        browser.findElement(By.id("name")).sendKeys(person.getName().getValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(rowOf).isEmpty());
    }

    /**
     * Runs assertions on the page until they hold: rows are redrawn when a golden change arrives (and the pipeline page
     * every second), so an element read across a redraw is stale and is read again.
     */
    private static void steady(ThrowingRunnable assertions) {
        await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class).untilAsserted(assertions);
    }

    private static String survivingConnector(GoldenPerson golden, String field) {
        TextValue text = switch (field) {
            case "name" -> golden.getName();
            case "ethnicity" -> golden.getEthnicity();
            default -> null;
        };
        if (field.equals("address")) {
            return golden.getAddress() == null ? "" : golden.getAddress().getProvenance().getConnector();
        }
        return text == null ? "" : text.getProvenance().getConnector();
    }

    private static List<GoldenPerson> activePersons() {
        List<GoldenPerson> persons = new ArrayList<>();
        try {
            service.getBean(PersonTable.class).forEach(p -> {
                if (p.getStatus() == PersonStatus.ACTIVE && p.getGrid() != null) {
                    persons.add(p);
                }
            });
        } catch (RuntimeException e) {
            return List.of(); // the publishing stage's store is still loading
        }
        return persons;
    }

    private static Path partyInbox() {
        return sandbox.resolve(Sandbox.PARTY_INBOX);
    }

    private static String staffKey() throws IOException {
        return Files.readString(sandbox.resolve("secrets/sandbox-staff.key")).strip();
    }

    private static String writeGridWorker(Path dir, String communityCode) throws IOException {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        Path keyFile = Files.createDirectories(ROOT.resolve("secrets")).resolve("grid-worker.key");
        Files.writeString(keyFile, key);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("grid-worker.yaml"), String.join("\n",
                "description: 社区网格员 grid worker",
                "api:",
                "  key: ${file:" + keyFile + "}",
                "scope:",
                "  communities: [\"" + communityCode + "\"]",
                "fields:",
                "  name: show",
                "  gender: show",
                "  birthDate: mask",
                "  phones: mask",
                "  address: show",
                "  grid: show",
                "  provenance: show",
                ""), StandardCharsets.UTF_8);
        return key;
    }

    private static void shoot(String page) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
