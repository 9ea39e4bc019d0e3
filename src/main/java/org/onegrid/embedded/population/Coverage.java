package org.onegrid.embedded.population;

/**
 * Which residents each department holds, as probabilities.
 *
 * @param publicSecurity       share of all residents in the public security register (hukou and floating)
 * @param civilAffairsElderly  share of residents aged 60 or more in the civil affairs register (residents
 *                             with a subsidy or a disability are always there)
 * @param healthChildren       share of children under 14 in the health register
 * @param healthElderly        share of residents aged 65 or more in the health register
 * @param healthChronic        share of residents with a chronic condition in the health register
 * @param healthOthers         share of everyone else in the health register
 * @param partyMembers         share of adults (18 or more) who are party members; all members are in the party export
 */
public record Coverage(
        double publicSecurity,
        double civilAffairsElderly,
        double healthChildren,
        double healthElderly,
        double healthChronic,
        double healthOthers,
        double partyMembers) {

    public Coverage {
        double[] all = {publicSecurity, civilAffairsElderly, healthChildren, healthElderly, healthChronic, healthOthers, partyMembers};
        for (double rate : all) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("every coverage share must be between 0 and 1, got " + rate);
            }
        }
    }

    public static Coverage defaults() {
        return new Coverage(0.98, 0.85, 0.90, 0.85, 0.95, 0.05, 0.085);
    }
}
