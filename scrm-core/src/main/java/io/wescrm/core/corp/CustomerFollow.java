package io.wescrm.core.corp;

/** One item of {@code batch/get_by_user}: the customer and one of its follow relations. */
public record CustomerFollow(Customer customer, FollowRelation follow) {
}
