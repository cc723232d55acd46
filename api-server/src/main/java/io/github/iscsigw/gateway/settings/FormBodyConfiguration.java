package io.github.iscsigw.gateway.settings;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ceph-iscsi's clients send form fields in the body of PUT and DELETE requests, and of
 * one GET ({@code GET /api/disks}, rbd-target-api.md §1.1). Tomcat parses form bodies of
 * POST only by default; we let it parse them for every method that can carry one.
 */
@Configuration(proxyBeanMethods = false)
class FormBodyConfiguration {

	@Bean
	TomcatConnectorCustomizer formBodyOnEveryMethod() {
		return (connector) -> connector.setParseBodyMethods("POST,PUT,PATCH,DELETE,GET");
	}

}
