package org.onegrid.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.onegrid.connector.SecretRef;
import org.onegrid.schema.Address;
import org.onegrid.schema.Attribute;
import org.onegrid.schema.GoldenPerson;
import org.onegrid.schema.GridRef;
import org.onegrid.schema.PersonStatus;
import org.onegrid.schema.PersonView;
import org.onegrid.schema.Provenance;
import org.onegrid.schema.TextValue;
import org.onegrid.schema.ViewAddress;

/**
 * One reader of the golden table (a dashboard, a street office, a department system), as its file in
 * {@code subscribers/} describes it: who it is, where it may look, what it may see. {@link #view} cuts a golden
 * record to that, for the Kafka view and the query API alike.
 *
 * <p>Never holds an API key, only its SHA-256; {@link #toString()} prints the id alone.
 */
public final class Subscriber {

    private final String id;
    private final String description;
    private final String kafkaPrincipal;
    private final SecretRef kafkaPassword;
    private final byte[] apiKeyHash;
    private final String jwtSubject;
    private final RegionScope scope;
    private final FieldPolicy policy;
    private final boolean json;
    private final Set<ConsoleRole> roles;

    /**
     * @param id the file name without extension: lower-case letters, digits, dashes
     * @param description what it is, for people
     * @param kafkaPrincipal the Kafka user name that reads its view topic; null when it reads none
     * @param kafkaPassword the reference to that user's password, for brokers OneGrid creates users on; may be null
     * @param apiKeyHash SHA-256 of its API key; null when it has none
     * @param jwtSubject the {@code sub} of bearer tokens that stand for it; null when it uses none
     * @param scope where it may look
     * @param policy what it may see
     * @param json whether its view topic carries JSON text instead of Avro
     * @param roles what it may do in the operations console beyond reading
     */
    public Subscriber(String id, String description, String kafkaPrincipal, SecretRef kafkaPassword, byte[] apiKeyHash,
                      String jwtSubject, RegionScope scope, FieldPolicy policy, boolean json, Set<ConsoleRole> roles) {
        this.id = id;
        this.description = description;
        this.kafkaPrincipal = kafkaPrincipal;
        this.kafkaPassword = kafkaPassword;
        this.apiKeyHash = apiKeyHash == null ? null : apiKeyHash.clone();
        this.jwtSubject = jwtSubject;
        this.scope = scope;
        this.policy = policy;
        this.json = json;
        this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public Optional<String> kafkaPrincipal() {
        return Optional.ofNullable(kafkaPrincipal);
    }

    public Optional<SecretRef> kafkaPassword() {
        return Optional.ofNullable(kafkaPassword);
    }

    public Optional<String> jwtSubject() {
        return Optional.ofNullable(jwtSubject);
    }

    public boolean hasApiKey() {
        return apiKeyHash != null;
    }

    public RegionScope scope() {
        return scope;
    }

    public FieldPolicy policy() {
        return policy;
    }

    public boolean json() {
        return json;
    }

    /** Whether the policy lets this field be seen at all, in full or masked. */
    public boolean shows(PolicyField field) {
        return policy.action(field) != FieldAction.DROP;
    }

    /** Whether the policy shows this field as it is, neither masked nor dropped. */
    public boolean showsInFull(PolicyField field) {
        return policy.action(field) == FieldAction.SHOW;
    }

    public boolean may(ConsoleRole role) {
        return roles.contains(role);
    }

    public Set<ConsoleRole> roles() {
        return roles;
    }

    /** Whether {@code keyHash} (SHA-256 of a presented key) is this subscriber's key; constant time. */
    boolean hasKeyHash(byte[] keyHash) {
        return apiKeyHash != null && MessageDigest.isEqual(apiKeyHash, keyHash);
    }

    /**
     * One value of a golden field written as text (as a conflict's candidates show it: {@code idNumber}, {@code name},
     * {@code gender}, {@code birthDate}, {@code ethnicity}, {@code phones}, {@code address}), as this subscriber's
     * policy lets it be seen; empty when the policy drops the field or does not know it.
     */
    public Optional<String> valueText(String fieldKey, String text) {
        Optional<PolicyField> field = PolicyField.byKey(fieldKey);
        if (field.isEmpty() || text == null) {
            return Optional.empty();
        }
        return switch (policy.action(field.get())) {
            case SHOW -> Optional.of(text);
            case DROP -> Optional.empty();
            case MASK -> Optional.of(switch (field.get()) {
                case ID_NUMBER -> Masks.idNumber(text);
                case NAME -> Masks.name(text);
                case PHONES -> Masks.phone(text);
                case BIRTH_DATE -> text.length() >= 4 ? text.substring(0, 4) : text;
                case ADDRESS -> Masks.addressText(text);
                default -> text;
            });
        };
    }

    /** Whether a person living in this grid (null: not placed) is in scope. */
    public boolean sees(GridRef grid) {
        return scope.contains(grid);
    }

    /**
     * The person as this subscriber may see them; empty when the person is outside the scope, or is no current
     * person (merged into another id, retired). The one place the field policy is applied.
     */
    public Optional<PersonView> view(GoldenPerson golden) {
        if (golden == null || golden.getStatus() != PersonStatus.ACTIVE || !sees(golden.getGrid())) {
            return Optional.empty();
        }
        List<String> masked = new ArrayList<>();
        PersonView.Builder view = PersonView.newBuilder()
                .setPersonId(golden.getPersonId())
                .setSubscriber(id)
                .setVersion(golden.getVersion())
                .setUpdatedAt(golden.getUpdatedAt());
        view.setIdNumber(text(PolicyField.ID_NUMBER, golden.getIdNumber(), Masks::idNumber, masked));
        view.setName(text(PolicyField.NAME, golden.getName(), Masks::name, masked));
        view.setGender(text(PolicyField.GENDER, golden.getGender(), null, masked));
        view.setEthnicity(text(PolicyField.ETHNICITY, golden.getEthnicity(), null, masked));
        birthDate(golden, view, masked);
        phones(golden, view, masked);
        address(golden, view, masked);
        if (policy.action(PolicyField.GRID) == FieldAction.SHOW && golden.getGrid() != null) {
            view.setGrid(GridRef.newBuilder(golden.getGrid()).build());
        }
        List<Attribute> attributes = new ArrayList<>();
        golden.getAttributes().forEach(a -> {
            Attribute attribute = a.getValue();
            if (policy.attributeAction(attribute.getName(), attribute.getGroup()) == FieldAction.SHOW) {
                attributes.add(Attribute.newBuilder(attribute).build());
            }
        });
        view.setAttributes(attributes);
        List<Provenance> sources = new ArrayList<>();
        if (policy.action(PolicyField.PROVENANCE) == FieldAction.SHOW) {
            golden.getSources().forEach(p -> sources.add(Provenance.newBuilder(p).build()));
        }
        view.setSources(sources);
        view.setMasked(masked);
        return Optional.of(view.build());
    }

    private String text(PolicyField field, TextValue value, UnaryOperator<String> mask,
                        List<String> masked) {
        if (value == null) {
            return null;
        }
        return switch (policy.action(field)) {
            case SHOW -> value.getValue();
            case MASK -> {
                masked.add(field.key());
                yield mask.apply(value.getValue());
            }
            case DROP -> null;
        };
    }

    private void birthDate(GoldenPerson golden, PersonView.Builder view, List<String> masked) {
        if (golden.getBirthDate() == null) {
            return;
        }
        FieldAction action = policy.action(PolicyField.BIRTH_DATE);
        if (action == FieldAction.DROP) {
            return;
        }
        view.setBirthYear(golden.getBirthDate().getValue().getYear());
        if (action == FieldAction.SHOW) {
            view.setBirthDate(golden.getBirthDate().getValue());
        } else {
            masked.add(PolicyField.BIRTH_DATE.key());
        }
    }

    private void phones(GoldenPerson golden, PersonView.Builder view, List<String> masked) {
        FieldAction action = policy.action(PolicyField.PHONES);
        List<String> phones = new ArrayList<>();
        if (action != FieldAction.DROP) {
            golden.getPhones().forEach(p -> phones.add(action == FieldAction.MASK ? Masks.phone(p.getValue()) : p.getValue()));
            if (action == FieldAction.MASK && !phones.isEmpty()) {
                masked.add(PolicyField.PHONES.key());
            }
        }
        view.setPhones(phones);
    }

    private void address(GoldenPerson golden, PersonView.Builder view, List<String> masked) {
        FieldAction action = policy.action(PolicyField.ADDRESS);
        if (golden.getAddress() == null || action == FieldAction.DROP) {
            return;
        }
        Address address = golden.getAddress().getValue();
        if (action == FieldAction.SHOW) {
            view.setAddress(new ViewAddress(address.getRaw(), address.getCommunity(), address.getEstate(),
                    address.getBuilding(), address.getUnit(), address.getRoom()));
        } else {
            String text = (address.getCommunity() == null ? "" : address.getCommunity())
                    + (address.getEstate() == null ? "" : address.getEstate());
            view.setAddress(new ViewAddress(text, address.getCommunity(), address.getEstate(), null, null, null));
            masked.add(PolicyField.ADDRESS.key());
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
