package io.wescrm.wecom.simulator;

/**
 * Sizes of one corp's live state, as a full sync should find it.
 *
 * @param departments     departments, including root department 1
 * @param staff           staff members
 * @param followStaff     staff with customer contact enabled (what {@code get_follow_user_list} returns)
 * @param customers       customers having at least one follow relation
 * @param followRelations (staff, customer) follow relations
 * @param tagGroups       live corp tag groups
 * @param tags            live corp tags
 * @param followTags      corp tag assignments on follow relations
 * @param groups          live (not dismissed) customer groups
 * @param groupMembers    members over all live groups
 */
public record SimCounts(int departments, int staff, int followStaff, int customers, long followRelations,
    int tagGroups, int tags, long followTags, int groups, long groupMembers) {
}
