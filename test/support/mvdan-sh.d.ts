// Minimal typings for mvdan-sh (mvdan/sh's syntax package compiled to JavaScript with GopherJS).
declare module 'mvdan-sh' {
  export interface ShNode {
    [key: string]: any;
  }
  export interface ShParser {
    Parse(src: string, name: string): ShNode;
  }
  export const syntax: {
    NewParser(...options: unknown[]): ShParser;
    KeepComments(keep: boolean): unknown;
    Variant(lang: unknown): unknown;
    LangBash: unknown;
    LangPOSIX: unknown;
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
    NodeType(node: ShNode): string;
  };
}
