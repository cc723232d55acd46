#!/bin/sh
# Runs in the LIO test guest (busybox sh, outside the chroot). Creates one object of every kind
# the module manages, mostly by mkdir alone (so every file keeps the kernel's default value),
# dumps the whole /sys/kernel/config/target tree in the format the configfs simulator reads
# (lio-configfs/src/main/resources/io/github/iscsigw/lio/sim/kernel-tree.txt), then removes
# what it created. Output lines:
#   D <path>/                      directory
#   L <path> -> <link target>      symbolic link
#   F <mode> <path> = <value>      readable file, newlines in the value written as \n
#   F <mode> <path> (write-only)
# A handful of processes only: under TCG every fork costs.
set -e
T=/sys/kernel/config/target
IQN=iqn.2003-01.io.github.iscsigw:template
INIT=iqn.1994-05.io.github.iscsigw:template-initiator
G=$T/iscsi/$IQN/tpgt_1

# storage objects: pristine (mkdir only) and configured+enabled, of both backstore types
mkdir -p $T/core/fileio_0/tmpl_fileio
mkdir -p $T/core/user_1/tmpl_user
mkdir -p $T/core/fileio_2/tmpl_fileio_enabled
printf 'fd_dev_name=/tmp/tmpl_fileio_enabled.img,fd_dev_size=1048576' > $T/core/fileio_2/tmpl_fileio_enabled/control
printf '1\n' > $T/core/fileio_2/tmpl_fileio_enabled/enable
mkdir -p $T/core/user_3/tmpl_user_enabled
S=$T/core/user_3/tmpl_user_enabled
printf 'dev_config=rbd/pool/image;osd_op_timeout=30' > $S/control
printf 'dev_size=1048576' > $S/control
printf 'max_data_area_mb=8,hw_max_sectors=1024' > $S/control
printf '1\n' > $S/enable
printf 'tmpl-serial\n' > $S/wwn/vpd_unit_serial
mkdir $S/alua/tmpl_group
# target, TPG, portal, LUN, ACL, mapped LUN
mkdir -p $G
mkdir $G/np/127.0.0.1:3260
mkdir $G/lun/lun_0
ln -s $S $G/lun/lun_0/tmpl_link
mkdir $G/acls/$INIT
mkdir $G/acls/$INIT/lun_0
ln -s $G/lun/lun_0 $G/acls/$INIT/lun_0/tmpl_link

cd $T
{
	find . -type d | sed -e 's|^\./||' -e '/^\.$/d' -e 's|^\(.*\)$|\1\tD|'
	for l in $(find . -type l); do printf '%s\tL %s\n' "${l#./}" "$(readlink "$l")"; done
	find . -type f | xargs stat -c '%n	M %a' | sed 's|^\./||'
	# every readable file at once; head separates them with "==> name <==" headers
	find . -type f -perm -0400 | xargs head -c 8192 2>/dev/null | awk '
		/^==> .* <==$/ { flush(); name = substr($0, 5, length($0) - 8); sub(/^\.\//, "", name); n = 0; next }
		{ lines[++n] = $0 }
		function flush() { if (name == "") return; if (n > 0 && lines[n] == "") n--;
			v = ""; for (i = 1; i <= n; i++) v = v (i > 1 ? "\\n" : "") lines[i]; printf "%s\tV %s\n", name, v }
		END { flush() }'
} | awk -F '\t' '
	{ path = $1; rest = substr($0, length($1) + 2); kind = substr(rest, 1, 1); val = substr(rest, 3)
	  paths[path] = 1
	  if (kind == "D") dir[path] = 1; else if (kind == "L") link[path] = val; else if (kind == "M") mode[path] = val;
	  else value[path] = val; has[path] = has[path] || (kind == "V") }
	END { for (p in paths) {
		if (p in dir) print p "\tD " p "/"
		else if (p in link) print p "\tL " p " -> " link[p]
		else if (has[p]) print p "\tF " mode[p] " " p " = " value[p]
		else print p "\tF " mode[p] " " p " (write-only)" } }' | sort | cut -f2-

# clean up in reverse dependency order
rm $G/acls/$INIT/lun_0/tmpl_link; rmdir $G/acls/$INIT/lun_0; rmdir $G/acls/$INIT
rm $G/lun/lun_0/tmpl_link; rmdir $G/lun/lun_0; rmdir $G/np/127.0.0.1:3260
rmdir $G; rmdir $T/iscsi/$IQN
rmdir $S/alua/tmpl_group; rmdir $S; rmdir $T/core/user_3
rmdir $T/core/fileio_2/tmpl_fileio_enabled; rmdir $T/core/fileio_2
rmdir $T/core/user_1/tmpl_user; rmdir $T/core/user_1
rmdir $T/core/fileio_0/tmpl_fileio; rmdir $T/core/fileio_0
