package io.github.iscsigw.lio.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import io.github.iscsigw.lio.LioFixtures;
import io.github.iscsigw.lio.model.LioConfig;

import static org.assertj.core.api.Assertions.assertThat;

class MainTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return Main.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void planApplyDumpOnTheSimulator() throws Exception {
		Path desired = this.dir.resolve("desired.json");
		JsonMapper json = JsonMapper.builder().build();
		Files.writeString(desired, json.writeValueAsString(LioFixtures.cephGatewayOne()));
		String root = this.dir.resolve("target").toString();
		assertThat(run("plan", "--sim", "--root", root, "--desired", desired.toString())).isZero();
		assertThat(out()).contains("CreateStorageObject").endsWith("changes\n").doesNotContain("myiscsipassword1");
		assertThat(run("plan", "--sim", "--root", root, "--desired", desired.toString(), "--format", "shell")).isZero();
		assertThat(out()).startsWith("#!/bin/sh");
		assertThat(run("apply", "--check", "--sim", "--root", root, "--desired", desired.toString())).isZero();
		assertThat(out()).contains("converged: observed == desired, next plan is empty");
		assertThat(run("plan", "--sim", "--root", root, "--desired", desired.toString())).isZero();
		assertThat(out()).isEqualTo("0 changes\n");
		assertThat(run("dump", "--sim", "--root", root)).isZero();
		LioConfig dumped = json.readValue(out(), LioConfig.class);
		assertThat(dumped.targets()).hasSize(1);
		assertThat(out()).contains("\"password\" : \"***\"").doesNotContain("myiscsipassword1");
		assertThat(run("dump", "--sim", "--root", root, "--show-secrets")).isZero();
		assertThat(out()).contains("myiscsipassword1");
	}

	@Test
	void usageAndErrors() throws Exception {
		assertThat(run()).isEqualTo(2);
		assertThat(run("plan", "--sim")).isEqualTo(2);
		assertThat(run("frobnicate")).isEqualTo(2);
		Path bad = this.dir.resolve("bad.json");
		Files.writeString(bad, "{\"targets\":[{\"iqn\":\"nope\"}]}");
		assertThat(run("plan", "--sim", "--root", this.dir.resolve("t").toString(), "--desired", bad.toString()))
			.isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("nope");
		assertThat(run("dump", "--root", this.dir.resolve("missing").toString())).isEqualTo(1);
	}

}
