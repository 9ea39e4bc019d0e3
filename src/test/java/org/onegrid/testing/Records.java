package org.onegrid.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.onegrid.schema.Address;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.AttributeType;
import org.onegrid.schema.AuditAction;
import org.onegrid.schema.AuditCredential;
import org.onegrid.schema.AuditEvent;
import org.onegrid.schema.AuditOutcome;
import org.onegrid.schema.Comparison;
import org.onegrid.schema.Conflict;
import org.onegrid.schema.ConflictKind;
import org.onegrid.schema.ConflictStatus;
import org.onegrid.schema.Gender;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.IdStatus;
import org.onegrid.schema.MatchRule;
import org.onegrid.schema.Operation;
import org.onegrid.schema.PersonLink;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.PersonView;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.RawRecord;
import org.onegrid.schema.RecordRef;
import org.onegrid.schema.RejectedRecord;
import org.onegrid.schema.ReviewScope;
import org.onegrid.schema.ReviewVerdict;
import org.onegrid.schema.ReviewerDecision;
import org.onegrid.schema.SourcePerson;
import org.onegrid.schema.Stage;
import org.onegrid.schema.TextValue;
import org.onegrid.schema.ViewAddress;

/** One filled-in example of each topic's record, for contract tests. Made-up people only. */
public final class Records {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private Records() {}

    public static RawRecord raw() {
        return RawRecord.newBuilder()
                .setConnector("civil-affairs").setSourceKey("42").setOperation(Operation.SNAPSHOT)
                .setSourcePosition("lsn:0/16B3748").setSourceTime(AT).setIngestTime(AT)
                .setPayload(ByteBuffer.wrap("{\"id\":42,\"full_name\":\"陈晓明\"}".getBytes(StandardCharsets.UTF_8)))
                .setSourceMeta(Map.of("table", "ca_resident"))
                .build();
    }

    public static SourcePerson source() {
        return SourcePerson.newBuilder()
                .setConnector("civil-affairs").setSourceKey("42").setIngestTime(AT)
                .setIdNumber("11010519491231002X").setIdNumberStated("11010519491231002x").setIdStatus(IdStatus.VALID)
                .setName("陈晓明").setNameStated("陳曉明").setNamePinyin("chen xiao ming").setGender(Gender.FEMALE)
                .setBirthDate(LocalDate.of(1949, 12, 31)).setEthnicity("01").setPhones(List.of("13800138000"))
                .setAddress(address())
                .build();
    }

    public static GoldenPerson golden() {
        Provenance provenance = provenance();
        return GoldenPerson.newBuilder()
                .setPersonId("P1").setStatus(PersonStatus.ACTIVE).setVersion(1).setUpdatedAt(AT)
                .setName(new TextValue("陈晓明", provenance)).setPhones(List.of(new TextValue("13800138000", provenance)))
                .setGrid(address().getGrid()).setSources(List.of(provenance))
                .build();
    }

    public static PersonLink link() {
        return PersonLink.newBuilder()
                .setConnector("civil-affairs").setSourceKey("42").setPersonId("P1").setRule(MatchRule.SCORE).setScore(17.5)
                .setMatchedWith(provenance()).setEvidence(List.of(new Comparison("name", "pinyin", 1.0, 6.5)))
                .setDecidedAt(AT)
                .build();
    }

    public static Conflict conflict() {
        return Conflict.newBuilder()
                .setConflictId("P1/address").setKind(ConflictKind.FIELD_DISAGREEMENT).setStatus(ConflictStatus.OPEN)
                .setPersonId("P1").setField("address").setDetectedAt(AT)
                .build();
    }

    public static RejectedRecord rejected() {
        return RejectedRecord.newBuilder()
                .setReason("DATE_UNPARSEABLE").setMessage("the birth date is not a date in any known format")
                .setStage(Stage.MAPPING).setConnector("civil-affairs").setSourceKey("42")
                .setOriginalPayload(ByteBuffer.wrap(new byte[] {(byte) 0xB3, (byte) 0xC2})).setRejectedAt(AT)
                .build();
    }

    /** A decision about records no test creates, so the running resolver keeps it and changes nothing. */
    public static ReviewerDecision decision() {
        return ReviewerDecision.newBuilder()
                .setDecisionId("d-contract-1").setConflictId("PM/P1/P2")
                .setRecord(new RecordRef("civil-affairs", "contract-example-1"))
                .setOtherRecord(new RecordRef("health", "contract-example-2"))
                .setVerdict(ReviewVerdict.SAME).setScope(ReviewScope.PERSONS)
                .setDecidedBy("reviewer-7").setDecidedAt(AT).setNote("same flat, same phone")
                .build();
    }

    public static PersonView view() {
        return PersonView.newBuilder()
                .setPersonId("P1").setSubscriber("street-office").setVersion(1).setUpdatedAt(AT)
                .setIdNumber("110105********002X").setName("陈晓明").setBirthYear(1949).setPhones(List.of("138****8000"))
                .setAddress(new ViewAddress("阳光花园", "长青社区", "阳光花园", null, null, null)).setGrid(address().getGrid())
                .setAttributes(List.of(new Attribute("party_branch", AttributeType.STRING, "第一支部", "party")))
                .setMasked(List.of("idNumber", "phones", "address"))
                .build();
    }

    public static AuditEvent audit() {
        return AuditEvent.newBuilder()
                .setEventId("00000000-0000-0000-0000-000000000001").setAt(AT).setSubscriber("street-office")
                .setCredential(AuditCredential.API_KEY).setAction(AuditAction.PERSON).setTarget("P1")
                .setOutcome(AuditOutcome.ALLOWED).setPersonIds(List.of("P1")).setRemoteAddress("127.0.0.1")
                .build();
    }

    private static Provenance provenance() {
        return new Provenance("civil-affairs", "42", AT, null);
    }

    private static Address address() {
        return Address.newBuilder()
                .setRaw("阳光花园3-2-401").setEstate("阳光花园").setBuilding("3").setUnit("2").setRoom("401")
                .setNormalized("阳光花园|3|2|401")
                .setGrid(new GridRef("360502", "360502001", "360502001001", "360502001001-01"))
                .build();
    }
}
