import type { Source } from '../model/source';

/**
 * Constructors for citations, so that every document is named the same way
 * everywhere and the link to read it is built in one place.
 */

export function linux(path: string, where: string): Source {
  return { title: `Linux ${path}`, where, url: `https://github.com/torvalds/linux/blob/master/${path}` };
}

/** torvalds/linux at the commit whose Makefile reads VERSION 6, PATCHLEVEL 18, SUBLEVEL 0, EXTRAVERSION empty: Linux 6.18. */
export const LINUX_6_18 = 'a4a508df2aa34f8650afde54ea804321c618f45f';

/** A Linux file as it was at one commit, for facts that later versions no longer show. */
export function linuxAt(commit: string, path: string, where: string): Source {
  return { title: `Linux ${path} @${commit.slice(0, 8)}`, where, url: `https://github.com/torvalds/linux/blob/${commit}/${path}` };
}

export function qemu(path: string, where: string): Source {
  return { title: `QEMU ${path}`, where, url: `https://gitlab.com/qemu-project/qemu/-/blob/master/${path}` };
}

export function tfa(path: string, where: string): Source {
  return {
    title: `Trusted Firmware-A ${path}`,
    where,
    url: `https://github.com/ARM-software/arm-trusted-firmware/blob/master/${path}`,
  };
}

/** A patch or message on a public list, cited by subject and Message-Id, which outlive any archive URL. */
export function mail(subject: string, messageId: string): Source {
  return { title: `Mailing list: ${subject}`, where: `Message-Id <${messageId}>`, url: `https://lore.kernel.org/r/${messageId}` };
}

/** A Linux commit, by its full id and subject. */
export function linuxCommit(id: string, subject: string): Source {
  return { title: `Linux commit ${id.slice(0, 12)} "${subject}"`, where: 'commit message', url: `https://github.com/torvalds/linux/commit/${id}` };
}

/** A Trusted Firmware-A commit, by its full id and subject. */
export function tfaCommit(id: string, subject: string, where: string): Source {
  return {
    title: `Trusted Firmware-A commit ${id.slice(0, 12)} "${subject}"`,
    where,
    url: `https://github.com/ARM-software/arm-trusted-firmware/commit/${id}`,
  };
}

export function xen(path: string, where: string): Source {
  return { title: `Xen ${path}`, where, url: `https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=${path};hb=HEAD` };
}

/** A Xen file as it was at one commit, for text later revisions removed. */
export function xenAt(commit: string, path: string, where: string): Source {
  return { title: `Xen ${path} @${commit.slice(0, 8)}`, where, url: `https://xenbits.xen.org/gitweb/?p=xen.git;a=blob;f=${path};hb=${commit}` };
}

/** Documents with no stable public URL, cited by name and place only. */
export function doc(title: string, where: string): Source {
  return { title, where };
}

/** A file in a public GitHub repository other than Linux, pinned to the commit that was read (quic/gunyah-hypervisor, a vendor kernel tree). */
export function githubFile(repo: string, path: string, commit: string, where: string): Source {
  return { title: `${repo} ${path} @${commit.slice(0, 8)}`, where, url: `https://github.com/${repo}/blob/${commit}/${path}` };
}

/** GCC's limit on an asm statement's operands: why Linux makes SMCCC 1.2 calls in assembly (a guide and a lesson cite it). */
export const gccAsm: Source = {
  title: 'GCC manual, Using the GNU Compiler Collection',
  where: '§ Extended Asm: "The total number of input + output + goto operands is limited to 30."',
  url: 'https://gcc.gnu.org/onlinedocs/gcc/Extended-Asm.html',
};
