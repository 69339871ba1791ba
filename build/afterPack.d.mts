import type { FuseV1Config } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext the hook reads. */
export type FusesPackContext = {
  readonly appOutDir: string;
  /** darwin | mas | win32 | linux */
  readonly electronPlatformName: string;
  /** electron-builder's Arch enum value (x64 = 1, arm64 = 3, universal = 4 …). */
  readonly arch: number;
  readonly packager: {
    readonly appInfo: { readonly productFilename: string };
    /** Set on the Linux packager only. */
    readonly executableName?: string;
  };
};

export declare function fuseConfig(target: { platform: string; arch: string }): FuseV1Config;
export declare function fuseMismatches(config: FuseV1Config, wire: Record<string, unknown>): string[];
export declare function electronBinaryPath(context: FusesPackContext): string;
export declare function afterPack(context: FusesPackContext): Promise<void>;
export default afterPack;
