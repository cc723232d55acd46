#!/bin/sh
# Runs in the LIO test guest (busybox sh, outside the chroot). Creates one object of every kind
# the module manages, mostly by mkdir alone (so every file keeps the kernel's default value),
# dumps the whole /sys/kernel/config/target tree in the format the configfs simulator reads
# (lio-configfs/src/main/resources/io/github/iscsigw/lio/sim/kernel-tree.txt), then removes
# what it created. Output lines:
#   D <path>/                      directory
#   L <path> -> <link target>      symbolic link
#   F <mode> <path> = <value>      readable file, newlines in the value written as \n
#   F <mode> <path> (write-only)   / (unreadable: <error>)
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
find . | sed 's|^\./||' | grep -v '^\.$' | sort | while read -r p; do
	if [ -L "$p" ]; then
		echo "L $p -> $(readlink "$p")"
	elif [ -d "$p" ]; then
		echo "D $p/"
	else
		m=$(stat -c %a "$p")
		case "$m" in
		2??) echo "F $m $p (write-only)" ;;
		*)
			if cat "$p" > /tmp/dump.val 2> /tmp/dump.err; then
				echo "F $m $p = $(awk '{ if (NR > 1) printf "\\n"; printf "%s", $0 }' /tmp/dump.val)"
			else
				echo "F $m $p (unreadable: $(sed 's/.*: //' /tmp/dump.err | head -1))"
			fi ;;
		esac
	fi
done

# clean up in reverse dependency order
rm $G/acls/$INIT/lun_0/tmpl_link; rmdir $G/acls/$INIT/lun_0; rmdir $G/acls/$INIT
rm $G/lun/lun_0/tmpl_link; rmdir $G/lun/lun_0; rmdir $G/np/127.0.0.1:3260
rmdir $G; rmdir $T/iscsi/$IQN
rmdir $S/alua/tmpl_group; rmdir $S; rmdir $T/core/user_3
rmdir $T/core/fileio_2/tmpl_fileio_enabled; rmdir $T/core/fileio_2
rmdir $T/core/user_1/tmpl_user; rmdir $T/core/user_1
rmdir $T/core/fileio_0/tmpl_fileio; rmdir $T/core/fileio_0
