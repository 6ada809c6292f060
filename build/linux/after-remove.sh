#!/bin/bash
# Spendwatch's .deb post-remove: removes the `spendwatch` CLI link made by after-install.sh (only if it is
# still ours), then electron-builder's default clean-up of the AppArmor profile.

if [ "$(readlink '/usr/bin/spendwatch')" = '/opt/${sanitizedProductName}/resources/bin/spendwatch' ]; then
    rm -f '/usr/bin/spendwatch'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
