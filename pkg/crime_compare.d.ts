/* tslint:disable */
/* eslint-disable */

/**
 * One widget on the page. Created by [`mount`]; the shim calls `destroy` and `free` when its
 * element leaves the page.
 */
export class Widget {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Removes every listener and the widget's DOM; the shim then calls `free`.
     */
    destroy(): void;
    /**
     * The host's content width changed, or the device pixel ratio did (zoom, another screen).
     */
    resize(width: number, dpr: number): void;
    /**
     * An attribute of the host element changed.
     */
    set_attribute(name: string, value: string): void;
    /**
     * The chart as a picture, for the builder's fallback image: `{png, width, height, alt}`,
     * the PNG (a data URL) drawn at twice the chart's size by the same renderer as the PNG
     * download, the chart's size in CSS pixels, and its sentences for the alt text. Null
     * before the first render.
     */
    snapshot(): any;
    /**
     * The current state, as the attributes that would recreate it.
     */
    state(): any;
}

/**
 * The measure an embed naming no `measure` gets for these areas (comma-separated), as the
 * widget decides it: `"rate"` when their populations differ more than tenfold, else `"count"`.
 */
export function default_measure(areas: string): string;

/**
 * The figures files a chart of `offence` (a name or code; empty for the default) needs from
 * the dataset at `url` before it can draw: none if they are loaded or the offence is not in
 * the dataset (publisher figures, or a name the widget will report).
 * A map (`kind` "map") also needs the boundaries file.
 */
export function figures_needed(url: string, offence?: string | null, kind?: string | null): any[];

/**
 * The embed builder's check of a pasted area name: the dataset's own search (English or Welsh
 * names, codes; forgiving of case, accents, "&" and "Police"). Its English name if found,
 * else an error that says so with the nearest names.
 */
export function find_area(name: string): string;

/**
 * Every area the builder can offer: `[{code, name, kind}]`.
 */
export function list_areas(lang: string): any;

/**
 * Every offence: `[{key, name, group}]`, `group` being the top-level group it belongs to.
 */
export function list_offences(lang: string): any;

/**
 * Decodes a dataset's index (checked: magic, version, CRC-32, every length) and keeps it for
 * the widgets that chart `url`. `is_default` marks the package's own dataset.
 */
export function load_dataset(url: string, index: Uint8Array, is_default: boolean): void;

/**
 * Turns `host`'s shadow root into a widget. `attrs` is a plain object of the embed's
 * attributes; `data_text`/`data_type` carry inline publisher data, if any. Never throws: a
 * problem is shown inside the widget.
 */
export function mount(host: HTMLElement, root: ShadowRoot, attrs: any, data_text: string | null | undefined, data_type: string | null | undefined, dpr: number, data_url?: string | null): Widget;

/**
 * The shim's `(url, name) => Promise` that fetches a figures file and supplies it.
 */
export function set_fetcher(f: Function): void;

/**
 * Gives the dataset at `url` the bytes of its figures file `name`, checked against its index.
 */
export function supply_figures(url: string, name: string, bytes: Uint8Array): void;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_widget_free: (a: number, b: number) => void;
    readonly default_measure: (a: number, b: number) => [number, number, number, number];
    readonly figures_needed: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number];
    readonly find_area: (a: number, b: number) => [number, number, number, number];
    readonly list_areas: (a: number, b: number) => [number, number, number];
    readonly list_offences: (a: number, b: number) => [number, number, number];
    readonly load_dataset: (a: number, b: number, c: number, d: number, e: number) => [number, number];
    readonly mount: (a: any, b: any, c: any, d: number, e: number, f: number, g: number, h: number, i: number, j: number) => [number, number, number];
    readonly set_fetcher: (a: any) => void;
    readonly supply_figures: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number];
    readonly widget_destroy: (a: number) => void;
    readonly widget_resize: (a: number, b: number, c: number) => void;
    readonly widget_set_attribute: (a: number, b: number, c: number, d: number, e: number) => void;
    readonly widget_snapshot: (a: number) => any;
    readonly widget_state: (a: number) => any;
    readonly __wasm_bindgen_func_elem_397: (a: number, b: number, c: any) => void;
    readonly __wasm_bindgen_func_elem_398: (a: number, b: number, c: any) => void;
    readonly __wasm_bindgen_func_elem_396: (a: number, b: number) => void;
    readonly __wbindgen_export: (a: number, b: number) => number;
    readonly __wbindgen_export2: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_export3: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_export4: (a: number) => void;
    readonly __wbindgen_export5: (a: number, b: number) => void;
    readonly __wbindgen_export6: (a: number) => void;
    readonly __wbindgen_export7: (a: number, b: number, c: number) => void;
    readonly __wbindgen_export8: (a: number, b: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
