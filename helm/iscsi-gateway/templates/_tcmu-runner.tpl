{{/*
The tcmu-runner container: the TCMU user-space half of the data path (rbd handler). It
shares the node's /dev (uio devices), configfs and kernel modules with the gateway, and only
the Ceph client files of /etc/ceph.
*/}}
{{- define "iscsi-gateway.tcmuRunner" -}}
- name: tcmu-runner
  image: {{ printf "%s:%s" .Values.tcmuRunner.image.repository .Values.tcmuRunner.image.tag }}
  imagePullPolicy: {{ .Values.tcmuRunner.image.pullPolicy }}
  command:
    {{- toYaml .Values.tcmuRunner.command | nindent 4 }}
  {{- with .Values.tcmuRunner.args }}
  args:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  resources:
    {{- toYaml .Values.tcmuRunner.resources | nindent 4 }}
  securityContext:
    {{- toYaml .Values.tcmuRunner.securityContext | nindent 4 }}
  volumeMounts:
    - name: dev
      mountPath: /dev
    - name: configfs
      mountPath: /sys/kernel/config
      mountPropagation: HostToContainer
    - name: modules
      mountPath: /lib/modules
      readOnly: true
    - name: ceph-client
      mountPath: /etc/ceph
      readOnly: true
    - name: tcmu-log
      mountPath: /var/log
{{- end }}
