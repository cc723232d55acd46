/**
 * The Prometheus exporter of ceph-iscsi's {@code rbd-target-gw} (settings.md §6): the
 * {@code ceph_iscsi_*} metrics computed from the local LIO tree at scrape time, served on
 * {@code [prometheus_host]:prometheus_port} in ceph-iscsi's own text format.
 */
package io.github.iscsigw.gateway.metrics;
