package io.github.iscsigw.gateway;

import java.io.PrintStream;

import io.github.iscsigw.gateway.settings.GatewaySettings;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the operator, once the server listens, where it is, what each part runs on and
 * how to authenticate.
 */
@Component
class StartupBanner {

	private final GatewaySettings settings;

	private final GatewayModes modes;

	private final GatewayIdentity identity;

	private int port = -1;

	StartupBanner(GatewaySettings settings, GatewayModes modes, GatewayIdentity identity) {
		this.settings = settings;
		this.modes = modes;
		this.identity = identity;
	}

	@EventListener
	void onWebServer(WebServerInitializedEvent event) {
		this.port = event.getWebServer().getPort();
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		print(System.out);
	}

	void print(PrintStream out) {
		String scheme = this.settings.apiSecure() ? "https" : "http";
		String host = this.settings.apiHost();
		String shown = host.equals("::") || host.equals("0.0.0.0") ? "127.0.0.1" : host;
		if (shown.contains(":") && !shown.startsWith("[")) {
			shown = "[" + shown + "]";
		}
		boolean defaultCredentials = this.settings.apiUser().equals("admin")
				&& this.settings.apiPassword().equals("admin");
		out.println();
		out.println("iSCSI gateway " + this.identity.name() + " is ready");
		out.println("  API:          " + scheme + "://" + shown + ":" + this.port + "/api (listening on " + host + ")");
		out.println("  settings:     " + this.settings.source());
		out.println("  config store: " + this.modes.configStore());
		out.println("  images:       " + this.modes.images());
		out.println("  LIO:          " + this.modes.lio());
		out.println("  auth:         HTTP basic as '" + this.settings.apiUser() + "' (api_user/api_password"
				+ (defaultCredentials ? "; default password 'admin'" : "") + "); source IP must be localhost, "
				+ "a gateway or in trusted_ip_list");
		out.println("  try:          curl -u " + this.settings.apiUser() + ":"
				+ (defaultCredentials ? "admin" : "<password>") + " " + scheme + "://" + shown + ":" + this.port
				+ "/api/_ping");
		out.flush();
	}

}
