import type { Plan } from '../../model/plan';
import type { LinuxCall } from '../linux';
import { smcccCall } from '../smccc/linux';

/** The SMCCC helper Linux's rsi_cmds.h uses for each RSI call it makes (mainline realm guest support). */
const RSI_HELPERS: Readonly<Record<string, { version: '1.0' | '1.1' | '1.2'; note: string }>> = {
  'rsi-abi-version': {
    version: '1.0',
    note: 'rsi_request_version() in arch/arm64/include/asm/rsi_cmds.h makes this call with arm_smccc_smc(), the out-of-line SMCCC 1.0 helper.',
  },
  'rsi-realm-config': { version: '1.0', note: 'rsi_get_realm_config() makes this call with arm_smccc_smc(SMC_RSI_REALM_CONFIG, virt_to_phys(cfg), …).' },
  'rsi-ipa-state-get': { version: '1.0', note: 'rsi_ipa_state_get() makes this call with arm_smccc_smc().' },
  'rsi-ipa-state-set': { version: '1.0', note: 'rsi_set_addr_range_state() makes this call with arm_smccc_smc().' },
  'rsi-attestation-token-continue': {
    version: '1.1',
    note: 'rsi_attestation_token_continue() makes this call with arm_smccc_1_1_invoke(), which picks smc or hvc from the PSCI conduit; shown with smc.',
  },
  'rsi-attestation-token-init': {
    version: '1.2',
    note: 'rsi_attestation_token_init() fills a union of struct arm_smccc_1_2_regs and { fid; challenge[64] } (memcpy of the challenge) and calls arm_smccc_1_2_smc(&args.regs, &args.regs); the fields below are the same registers.',
  },
};

const RMI_NOTE = 'rmi_cmds.h in the host series makes this call with arm_smccc_1_1_invoke(), which picks smc or hvc from the PSCI conduit; shown with smc.';

/**
 * A realm's RSI calls as rsi_cmds.h makes them, and the host's RMI calls as
 * the host series' rmi_cmds.h does; a call Linux has no helper for is shown
 * with arm_smccc_1_2_smc(), the helper that carries every register it uses.
 */
export function ccaLinux(plan: Plan): LinuxCall {
  const { call } = plan;
  if (call.family === 'cca-rmi') {
    return call.id === 'rmi-rtt-read-entry'
      ? smcccCall(
          plan,
          '1.2',
          'smc',
          'rmi_rtt_read_entry() in the host series fills struct arm_smccc_1_2_regs and calls arm_smccc_1_2_smc(&regs, &regs): five results, x0-x4.',
        )
      : smcccCall(plan, '1.1', 'smc', RMI_NOTE);
  }
  const helper = RSI_HELPERS[call.id];
  if (helper) return smcccCall(plan, helper.version, 'smc', helper.note);
  return smcccCall(
    plan,
    '1.2',
    'smc',
    `Linux's arch/arm64/include/asm/rsi_cmds.h has no helper for ${call.name}; arm_smccc_1_2_smc() carries every register it uses.`,
  );
}
