package org.onegrid.embedded.population;

import java.time.LocalDate;
import java.util.List;

/**
 * A true resident, as no department sees them: the ground truth the department views are derived from.
 *
 * @param personId          stable id, {@code P} and seven digits, in generation order
 * @param householdId       {@code H} and seven digits
 * @param relation          relation to the household head: 户主, 配偶, 子女, 父母, 儿媳女婿, 孙子女
 * @param surname           family name (for minority names with {@code ·}, the empty string)
 * @param name              full name in simplified characters
 * @param idNumber          valid 18-digit ID number, unique in the city
 * @param ethnicity         GB 3304 two-digit code, {@code 01} = 汉族
 * @param mobile            11-digit mobile number, or null (children, some elderly)
 * @param landline          landline {@code 0790-xxxxxxx}, or null
 * @param home              where the household lives now
 * @param previousHome      where the resident lived before moving, shown by stale records
 * @param previousMobile    the resident's previous mobile number, shown by stale records
 * @param floating          floating population (hukou registered elsewhere)
 * @param hukouAddress      the household registration address (the home for hukou residents)
 * @param twinOf            person id of the twin sibling, or null
 * @param namesakeOf        person id of the unrelated resident with the same name, sex and birth date, or null
 * @param subsidy           低保, 特困 or null
 * @param disabilityLevel   1 (most severe) to 4, or null
 * @param chronicConditions chronic conditions, possibly empty
 * @param partyJoined       date the resident joined the party, or null when not a member
 * @param partyBranch       party branch, or null
 * @param familyDoctor      contracted family doctor, or null
 * @param guardianMobile    for children, the mobile number of the parent clinics call, or null
 */
public record Resident(
        String personId,
        String householdId,
        String relation,
        String surname,
        String name,
        Sex sex,
        LocalDate birthDate,
        String idNumber,
        String ethnicity,
        String mobile,
        String landline,
        Home home,
        Home previousHome,
        String previousMobile,
        boolean floating,
        String hukouAddress,
        String twinOf,
        String namesakeOf,
        String subsidy,
        Integer disabilityLevel,
        List<String> chronicConditions,
        LocalDate partyJoined,
        String partyBranch,
        String familyDoctor,
        String guardianMobile) {

    /** Age in whole years on the reference date. */
    public int age() {
        return ageOn(birthDate, PopulationSpec.REFERENCE_DATE);
    }

    public boolean partyMember() {
        return partyJoined != null;
    }

    static int ageOn(LocalDate birth, LocalDate day) {
        int age = day.getYear() - birth.getYear();
        if (day.getMonthValue() < birth.getMonthValue()
                || day.getMonthValue() == birth.getMonthValue() && day.getDayOfMonth() < birth.getDayOfMonth()) {
            age--;
        }
        return age;
    }
}
