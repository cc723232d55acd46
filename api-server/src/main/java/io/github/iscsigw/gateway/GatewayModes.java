package io.github.iscsigw.gateway;

import java.nio.file.Path;

/**
 * How this gateway runs, as printed at start-up: where its config document and images
 * live and whether LIO is real or simulated.
 *
 * @param configStore a description of the config store (embedded file or RADOS object)
 * @param images a description of the image store
 * @param configfsRoot the LIO configfs root the reconciler writes to
 * @param configfsSimulated true when {@code configfsRoot} is a plain directory standing
 * in for the kernel's configfs
 */
public record GatewayModes(String configStore, String images, Path configfsRoot, boolean configfsSimulated) {

	/**
	 * The LIO part of the banner.
	 * @return a description
	 */
	public String lio() {
		return this.configfsSimulated ? "simulated (no kernel configfs here) in " + this.configfsRoot
				: "real configfs at " + this.configfsRoot;
	}

}
