// The build's constants, filled in by build_scripts/wizard/bundle.py after esbuild has bundled the
// modules: the flow (guantong.flow.export() with export_walker()), clause citations, file names, sizes.
export const BUILD = __GUANTONG_BUILD__;
