package org.onegrid.security;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.onegrid.backbone.Topics;

/**
 * The broker-side half of the authorization: which ACLs let each subscriber read its own view topic and nothing
 * else. With an authorizer that denies what no ACL allows (Kafka's default), a subscriber's user can then read
 * neither another subscriber's view nor any internal topic (raw, source, golden, links, conflicts, rejected, audit).
 * deploy/kafka-acls.sh writes the same ACLs, and the service's own, for a production cluster.
 */
public final class KafkaAcls {

    private KafkaAcls() {}

    /**
     * A subscriber may read and describe its view topic, and use consumer groups whose id starts with its own id
     * (a group id is not secret, so groups are fenced by prefix). Empty when it has no Kafka principal.
     */
    public static List<AclBinding> forSubscriber(Subscriber subscriber) {
        List<AclBinding> acls = new ArrayList<>();
        subscriber.kafkaPrincipal().ifPresent(user -> {
            String principal = "User:" + user;
            ResourcePattern view = new ResourcePattern(ResourceType.TOPIC,
                    Topics.view(subscriber.id(), subscriber.json()).name(), PatternType.LITERAL);
            ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, subscriber.id(), PatternType.PREFIXED);
            acls.add(allow(view, principal, AclOperation.READ));
            acls.add(allow(view, principal, AclOperation.DESCRIBE));
            acls.add(allow(groups, principal, AclOperation.READ));
        });
        return acls;
    }

    /** Every subscriber's ACLs. */
    public static List<AclBinding> forSubscribers(Subscribers subscribers) {
        return subscribers.all().stream().flatMap(s -> forSubscriber(s).stream()).toList();
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
