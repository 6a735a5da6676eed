#!/usr/bin/env python3
"""evaluate.py — the geocoder's development set, built at test time from the
reference data (../shared/data is read, never copied), run through
`strikemap geocode --batch`, and scored: an answer is right when it is
`resolved` and lies within 5 km of the reference point.

Query kinds (each evaluated with the source it comes from left out of the
index, so a spelling is never looked up against itself):
  sa_en / sa_ar     Syrian Archive English (report spellings) and Arabic names,
                    index without syrianarchive names
  osm_ar            OSM Arabic names (hot_name), index without osm names
  gn_en / gn_ar     GeoNames alternate names (Latin, Arabic), index without
                    geonames names
  gn_skel           GeoNames' all-lowercase Latin alternates: consonant
                    skeletons of the Arabic (sraqb, khrbt alnasryt) and pinyin;
                    reported, but not counted in the English totals
  ocha_var          OCHA community names rewritten by transliteration rules
                    the index does not hold (Deir->Dayr, ou->u, -eh->-a...)
  report            hand-curated report spellings (report_spellings.csv),
                    index without the curated names
Each kind is run without context and with the governorate: half as a
`governorate` column, half as words in the text the ways reports write them
("X, Y governorate", "X town, northern Y countryside", "X village in
southern rural Y", "X, eastern suburbs of Y", "X in Y's western countryside",
"X in northern Y", "Y - X", "X (Y)", "X Y"; "X، محافظة Y", "بلدة X بريف Y الشمالي", "قرية X في ريف Y
الغربي", "مدينة X بريف Y", "X شمال Y", "X Y"), the direction being the place's true
side of the capital, and no countryside for Damascus, Rural Damascus or a
place within 10 km of its capital.
Ambiguity: names that several communities share (far apart), asked without
context, must not come back `resolved` with a high score (>= 0.8); the
geocoder may pick the prominent place (gaz.h) with a moderate score. The
`prom` column counts answers chosen by that prior and how many are right
(the devset draws places uniformly, so it understates the prior's value on
incident data, where big towns are named far more often).
`known`: the subset whose reference place the index knows without the
held-out source: the held-out name is attached in the gazetteer to a place
(within 5 km of the reference point) that also bears a name from another
source. Those queries test the matcher (a spelling the index does not hold,
of a place it does); the others test coverage (a place only the held-out
source knows: a city quarter, a street, a hamlet), which no matcher can
find. Thresholds `reach_<kind>=min` check the known subset.
`spelt`: of the known Latin queries, those that are a spelling of a Latin
name another reference source (not the curated list) gives the place,
judged apart from the geocoder's code: their consonant skeletons (articles
and qualifier words off, vowels off, digraphs and q/k/g, t/d/z merged)
match at least half-way (difflib ratio >= 0.5), or, for a skeleton of
three consonants or fewer, four fifths of the way with the same first
consonant. The rest are other names: classical and other languages' names
(Emesa, Beroea, Hierapolis), other names of a town (Kobani, Derik, Tabqa),
another village's name GeoNames lists among a town's (Bermana, Karto).
Queries not held out (OCHA respelt, report spellings) are spellings by
construction. Reported as rows of their own, by source; the `known` rows,
which count both, stay checked too.

Reliability: resolved answers by score band and the share of them right within
5 km; thresholds `hi_right_en=min` / `hi_right_ar=min` check the share right
among those scoring >= 0.8 (a user trusts a high score).

Usage: evaluate.py --strikemap BIN --gazetteer GAZ --shared DATA_DIR
                   --spellings report_spellings.csv [--check thresholds]
With --check, exits 1 when a figure falls below its threshold
(thresholds: "kind=min,kind=min", fractions).
"""
import argparse
import csv
import difflib
import io
import json
import math
import os
import random
import sqlite3
import struct
import subprocess
import sys
import unicodedata

GOV_SPELLINGS = {  # facts: governorate names as reports write them
    "SY01": ["Damascus", "Dimashq", "دمشق"],
    "SY02": ["Aleppo", "Halab", "حلب"],
    "SY03": ["Rif Dimashq", "Damascus suburbs", "Rural Damascus", "ريف دمشق"],
    "SY04": ["Homs", "Hims", "حمص"],
    "SY05": ["Hama", "Hamah", "حماة"],
    "SY06": ["Lattakia", "Latakia", "اللاذقية"],
    "SY07": ["Idlib", "Idleb", "إدلب"],
    "SY08": ["Al-Hasakeh", "Hasaka", "الحسكة"],
    "SY09": ["Deir ez-Zor", "Deir Ezzor", "دير الزور"],
    "SY10": ["Tartous", "Tartus", "طرطوس"],
    "SY11": ["Ar-Raqqa", "Raqqa", "الرقة"],
    "SY12": ["Dar'a", "Daraa", "درعا"],
    "SY13": ["As-Sweida", "Suwayda", "السويداء"],
    "SY14": ["Quneitra", "Qunaitra", "القنيطرة"],
}


# how reports name the governorate around a place (the first template is
# the only one used for Damascus and Rural Damascus)
EN_TEMPLATES = ["{q}, {g} governorate", "{q} town, {d} {g} countryside",
                "{q} village in {d} rural {g}", "{q}, {d} suburbs of {g}",
                "{q} in {g}'s {d} countryside", "{q} in {d} {g}", "{g} - {q}", "{q} ({g})",
                "{q} {g}"]
AR_TEMPLATES = ["{q}، محافظة {g}", "بلدة {q} بريف {g} {d}", "قرية {q} في ريف {g} {d}",
                "مدينة {q} بريف {g}", "{q} في ريف {g} {d}", "{q} {dn} {g}",
                "بلدة {q} {dn} {g}", "{g} - {q}", "{q} ({g})", "{q} {g}"]
EN_DIRS = ["northern", "southern", "eastern", "western"]
CAPITALS = {  # facts: the governorates' capitals (lon, lat); a capital is not
    # "in the countryside" of its own governorate
    "SY01": (36.29, 33.51), "SY02": (37.16, 36.20), "SY03": (36.29, 33.51),
    "SY04": (36.72, 34.73), "SY05": (36.75, 35.13), "SY06": (35.79, 35.52),
    "SY07": (36.63, 35.93), "SY08": (40.75, 36.50), "SY09": (40.14, 35.33),
    "SY10": (35.89, 34.89), "SY11": (39.01, 35.95), "SY12": (36.10, 32.62),
    "SY13": (36.57, 32.71), "SY14": (35.82, 33.12)}
AR_DIRS = ["الشمالي", "الجنوبي", "الشرقي", "الغربي"]
AR_DIR_NOUNS = ["شمال", "جنوب", "شرق", "غرب"]  # "north of": كفرزيتا شمال حماة


def side(lon, lat, clon, clat):
    """0 north, 1 south, 2 east, 3 west: the side of the capital the point
    lies on, by its larger offset."""
    dx, dy = (lon - clon) * math.cos(math.radians(clat)), lat - clat
    if abs(dy) >= abs(dx):
        return 0 if dy >= 0 else 1
    return 2 if dx >= 0 else 3


def km(lon1, lat1, lon2, lat2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(min(1.0, a)))


def is_arabic(s):
    return any("\u0600" <= c <= "\u06ff" for c in s)


class Gaz:
    """Reference look-ups in the gazetteer: P-code points and the nearest
    community (for the governorate of a reference point)."""

    def __init__(self, path):
        db = sqlite3.connect(path)
        self.by_pcode = {}
        self.comm = []
        srcs = {}
        for pid, s in db.execute("SELECT DISTINCT place_id, source FROM names"):
            srcs.setdefault(pid, set()).add(s)
        self.by_name = {}  # (name as written, source) -> [place ids]
        self.names_of = {}  # place id -> [(name, source)]
        for pid, nm, src in db.execute("SELECT place_id, name, source FROM names"):
            self.by_name.setdefault((nm.strip(), src), []).append(pid)
            self.names_of.setdefault(pid, []).append((nm, src))
        self.srcs = srcs
        self.pt = {}
        self.a1 = {}
        self.named = []  # (lon, lat, sources) of every non-admin place
        for pid, pc, kind, lon, lat, a1 in db.execute(
                "SELECT id, pcode, kind, lon, lat, admin1_pcode FROM places"):
            self.pt[pid] = (lon, lat)
            self.a1[pid] = a1
            if pc and pc not in self.by_pcode:
                self.by_pcode[pc] = (lon, lat, a1)
            if kind == "community":
                self.comm.append((lon, lat, a1))
            if kind in ("community", "neighbourhood", "landmark"):
                self.named.append((lon, lat, srcs.get(pid, set())))
        self.ngrid = {}
        for c in self.named:
            self.ngrid.setdefault((int(c[0] * 10), int(c[1] * 10)), []).append(c)
        self.grid = {}
        for c in self.comm:
            self.grid.setdefault((int(c[0] * 10), int(c[1] * 10)), []).append(c)

    def admin1_of(self, name, source, lon, lat):
        """The governorate of the reference place: that of the gazetteer
        place holding the name (attached by point-in-polygon), else that of
        the nearest community."""
        for pid in self.by_name.get((name, source), []):
            p = self.pt.get(pid)
            if p and p[0] is not None and km(lon, lat, p[0], p[1]) <= 5 and self.a1.get(pid):
                return self.a1[pid]
        return self.admin1_near(lon, lat)

    def admin1_near(self, lon, lat, maxkm=5.0):
        best, bd = None, maxkm
        gx, gy = int(lon * 10), int(lat * 10)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for c in self.grid.get((gx + dx, gy + dy), []):
                    d = km(lon, lat, c[0], c[1])
                    if d < bd:
                        best, bd = c[2], d
        return best


ART = {"al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "az", "ez", "at", "et",
       "an", "en", "ath", "adh", "ech", "ehl", "ehs", "eht", "ehsh", "ej"}
# qualifier words, which say Upper or Eastern in one language or another
# and are no part of the spelling: left out on both sides
QUALIFIERS = {"sharqi", "sharqiyah", "sharqiyeh", "charqi", "charqiye", "gharbi", "gharbiyah", "gharbiye",
              "shamali", "shamaliyah", "shimaliyah", "chemaliye", "chimaliye", "janubi", "janubiyah",
              "tahtani", "tahtaniyah", "tahta", "fawqani", "fouqani", "fawqa", "kabir", "kabirah",
              "kebir", "kebire", "kbire", "saghir", "saghirah", "seghir", "sghire", "kubra", "sughra",
              "eastern", "western", "northern", "southern", "upper", "lower", "big", "great", "small",
              "little", "middle", "old", "new"}


def latin_skeleton(s):
    """The consonants of a Latin name, for telling a spelling from another
    name (independent of the geocoder's own normaliser): articles and
    qualifier words off, digraphs merged, vowels off."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = "".join(c if c.isalpha() else " " for c in s)
    t = "".join(w for w in s.split() if w not in ART and w not in QUALIFIERS)
    for a, b in (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"),
                 ("ch", "s"), ("th", "t"), ("dh", "d"), ("q", "k"), ("c", "k"), ("p", "b"), ("v", "w")):
        t = t.replace(a, b)
    t = "".join(c for c in t if c not in "aeiouyw")
    return "".join(c for i, c in enumerate(t) if i == 0 or c != t[i - 1])


TRADED = str.maketrans("gtz", "kdd")  # consonants transliterations trade: q/k/g, t/d/z (th, dh)


def alike(a, b):
    """1 when skeletons a and b are of one name: half their consonants in
    order at least; for a short skeleton (three or fewer) four fifths and
    the same first consonant (Emesa's "ms" is no spelling of Homs's "hms",
    nor Karto's "krt" of Kareemeh's "krm")."""
    a, b = a.translate(TRADED), b.translate(TRADED)
    if not a or not b:
        return False
    r = difflib.SequenceMatcher(None, a, b).ratio()
    if min(len(a), len(b)) <= 3:
        return r >= 0.8 and a[0] == b[0]
    return r >= 0.5


# the reference sources a held-out name is compared with (not our curated
# names, which would make the split move as the list grows)
REFERENCE_SOURCES = {"ocha_admin", "ocha_communities", "ocha_points", "opensyria", "geonames", "osm",
                     "syrianarchive"}


def spelt(gz, name, lon, lat, excluded):
    """1 when a Latin held-out name is a spelling of a Latin name another
    reference source gives a place within 5 km of the reference point; 0
    when it is another name. Queries not held out (OCHA names respelt by
    rule, report spellings) are spellings by construction."""
    if not excluded or excluded == "curated":
        return True
    sk = latin_skeleton(name)
    for pid in gz.by_name.get((name, excluded), []):
        p = gz.pt.get(pid)
        if not p or p[0] is None or km(lon, lat, p[0], p[1]) > 5:
            continue
        for other, src in gz.names_of.get(pid, []):
            if src != excluded and src in REFERENCE_SOURCES and not is_arabic(other) and \
                    alike(sk, latin_skeleton(other)):
                return True
    return False


def known(gz, name, lon, lat, excluded):
    """1 when the index knows the reference place without `excluded`: the
    held-out name is attached to a place near the reference point that
    also bears a name from another source. Queries of no held-out source
    (OCHA variants, report spellings) are of places the index knows."""
    if not excluded or excluded == "curated":
        return True
    for pid in gz.by_name.get((name, excluded), []):
        p = gz.pt.get(pid)
        if p and p[0] is not None and km(lon, lat, p[0], p[1]) <= 5 and gz.srcs.get(pid, set()) - {excluded}:
            return True
    return False


def syria(lon, lat):
    return 35.5 <= lon <= 42.5 and 32.2 <= lat <= 37.4


def load_sa(shared):
    out = []
    with open(os.path.join(shared, "syrianarchive", "locations.json"), encoding="utf-8") as f:
        for x in json.load(f):
            try:
                lon, lat = float(x["longitude"]), float(x["latitude"])
            except (TypeError, ValueError):
                continue
            if not syria(lon, lat):
                continue
            en, ar = (x.get("name") or "").strip(), (x.get("arabic_name") or "").strip()
            if en:
                out.append(("sa_en", en, lon, lat))
            if ar and is_arabic(ar):
                out.append(("sa_ar", ar, lon, lat))
    return out


def gpkg_point(blob):
    # GeoPackage binary: magic GP, version, flags, srs_id, envelope, WKB
    flags = blob[3]
    env = (flags >> 1) & 7
    n = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(env, 0)
    wkb = blob[8 + n:]
    bo = "<" if wkb[0] == 1 else ">"
    x, y = struct.unpack(bo + "dd", wkb[5:21])
    return x, y


def load_osm(shared):
    out = []
    db = sqlite3.connect(os.path.join(shared, "osm-iom", "syr_locations_osm_iom.gpkg"))
    for name, geom in db.execute("SELECT hot_name, geom FROM validated_locations"):
        if not name or not geom or not is_arabic(name):
            continue
        lon, lat = gpkg_point(geom)
        if syria(lon, lat):
            out.append(("osm_ar", name.strip(), lon, lat))
    return out


def load_geonames(shared):
    out = []
    with open(os.path.join(shared, "geonames", "cities500_SY.txt"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            lat, lon = float(c[4]), float(c[5])
            seen = {c[1].lower(), c[2].lower()}
            for a in c[3].split(","):
                a = a.strip()
                if not a or a.lower() in seen:
                    continue
                seen.add(a.lower())
                if is_arabic(a):
                    out.append(("gn_ar", a, lon, lat))
                elif all(ord(ch) < 0x2000 for ch in a) and len(a) > 2:
                    # Latin-script alternates only (skip Cyrillic, CJK...)
                    if all(ch.isascii() or ch in "āīūḩḨţŢşŞẕḍĀĪŪ‘’ʿʾ`'éèëïöüâîôû" for ch in a):
                        # GeoNames' all-lowercase alternates are machine
                        # transliterations: the Arabic's consonants (sraqb,
                        # tftnaz, khrbt alnasryt) or pinyin (parumira yi ji).
                        # No researcher writes them: their own kind, outside
                        # the English totals.
                        lower = not any(ch.isupper() for ch in a)
                        out.append(("gn_skel" if lower else "gn_en", a, lon, lat))
    return out


RULES = [  # transliteration rewrites a reporter might use
    ("Deir ", "Dayr "), ("Kafr ", "Kfar "), ("Tal ", "Tell "), ("Ein ", "Ain "),
    ("Maaret ", "Ma'arrat "), ("Um ", "Umm "), ("Beit ", "Bayt "), ("Jeb ", "Jubb "),
    ("Sheikh ", "Shaykh "), ("Khirbet ", "Khirbat "), ("Abu ", "Abou "),
    ("ou", "u"), ("oo", "u"), ("iyeh", "iyah"), ("eh", "a"), ("q", "k"), ("ee", "i"),
    ("ei", "ay"), ("e", "a"), ("El", "al-"), ("aa", "a"), ("ll", "l"), ("ss", "s"),
    ("rr", "r"), ("mm", "m"), ("bb", "b"), ("tt", "t"), ("y", "i"), ("u", "ou"),
]


ENGLISH_WORDS = {"Little", "Big", "Small", "Great", "Upper", "Lower", "Middle", "Eastern", "Western",
                 "Northern", "Southern", "Old", "New", "Camp", "Farm", "Farms", "Station", "City",
                 "Town", "Village", "Quarter", "Neighborhood", "Neighbourhood", "Central"}


def load_ocha_variants(shared, every=7):
    out = []
    with open(os.path.join(shared, "ocha", "syr_communities_points.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows):
        if i % every:
            continue
        name = r["admin4_name_en"]
        # English words of OCHA's names (Little, Upper, Eastern...) are
        # not transliterations: kept as written
        words = name.split(" ")
        kept = {i: w for i, w in enumerate(words) if w in ENGLISH_WORDS}
        v = " ".join("\x01%d\x01" % i if i in kept else w for i, w in enumerate(words))
        # apply the first two rules that change the name (deterministic)
        k = 0
        for a, b in RULES:
            if a in v and k < 2:
                v = v.replace(a, b, 1)
                k += 1
        for i, w in kept.items():
            v = v.replace("\x01%d\x01" % i, w)
        if v != name:
            out.append(("ocha_var", v, float(r["lon"]), float(r["lat"]), r["admin3_pcode"][:4]))
    return out


def run(strikemap, gaz, rows, exclude):
    """rows: (query, governorate) -> list of answers (dicts)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "place", "governorate"])
    for i, (q, g) in enumerate(rows):
        w.writerow([i, q, g or ""])
    cmd = [strikemap, "--quiet", "geocode", "--gazetteer", gaz, "--batch", "-"]
    if exclude:
        cmd += ["--exclude-source", exclude]
    p = subprocess.run(cmd, input=buf.getvalue().encode(), capture_output=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode())
        raise SystemExit("geocode failed: exit %d" % p.returncode)
    return [json.loads(l) for l in p.stdout.decode().splitlines()]


class Tally:
    def __init__(self):
        self.n = self.right = self.amb = self.unres = self.amb_hit = 0
        self.gov_n = self.gov_right = 0
        self.wrong_high = 0
        self.reach_n = self.reach_right = 0
        self.prom_n = self.prom_right = 0  # answers chosen by the prominence prior
        self.misses = []
        self.scored = []  # (score, right) of every resolved answer

    def add(self, a, lon, lat, want_a1=None, reach=True):
        self.n += 1
        if reach:
            self.reach_n += 1
            if a["status"] == "resolved" and a["lon"] is not None and km(a["lon"], a["lat"], lon, lat) <= 5.0:
                self.reach_right += 1
        if a["status"] == "resolved" and a["lon"] is not None:
            d = km(a["lon"], a["lat"], lon, lat)
            self.scored.append((a["score"], d <= 5.0))
            if "prominence" in (a.get("note") or ""):
                self.prom_n += 1
                self.prom_right += d <= 5.0
            if d <= 5.0:
                self.right += 1
            else:
                if a["score"] >= 0.8:
                    self.wrong_high += 1
                self.misses.append((a["query"], a.get("governorate"), a["name"], round(d, 1), a["score"]))
        elif a["status"] == "ambiguous":
            self.amb += 1
            if any(km(c["lon"], c["lat"], lon, lat) <= 5 for c in a["candidates"]):
                self.amb_hit += 1
            self.misses.append((a["query"], a.get("governorate"), "AMBIGUOUS", 0, a["score"]))
        else:
            self.unres += 1
            self.misses.append((a["query"], a.get("governorate"), "UNRESOLVED", 0, a["score"]))
        if want_a1:
            self.gov_n += 1
            if a["admin1_pcode"] == want_a1:
                self.gov_right += 1

    def row(self, name):
        pct = lambda x, n: (100.0 * x / n) if n else 0.0
        return ("%-22s %5d  %6.1f%%  %5d %6.1f%%  %5.1f%%  %5.1f%%  %5s  %4d  %4d %5s" %
                (name, self.n, pct(self.right, self.n), self.reach_n,
                 pct(self.reach_right, self.reach_n),
                 pct(self.amb, self.n),
                 pct(self.unres, self.n),
                 ("%.1f%%" % pct(self.gov_right, self.gov_n)) if self.gov_n else "-",
                 self.wrong_high, self.prom_n,
                 ("%.0f%%" % pct(self.prom_right, self.prom_n)) if self.prom_n else "-"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--strikemap", required=True)
    ap.add_argument("--gazetteer", required=True)
    ap.add_argument("--shared", required=True, help="the reference data folder")
    ap.add_argument("--spellings", required=True)
    ap.add_argument("--check", default="")
    ap.add_argument("--misses", type=int, default=0, help="print N misses per kind")
    ap.add_argument("--dump", help="write every held-out answer (JSON lines, with the distance) here")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-holdout", action="store_true",
                    help="index every source (inflated figures: the spelling may be indexed)")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "ocha")):
        print("no reference data in %s: skipped" % args.shared)
        sys.exit(77)  # meson's "skipped"
    rnd = random.Random(args.seed)
    gz = Gaz(args.gazetteer)

    sets = {}  # kind -> (exclude, [(query, gov_hint, lon, lat, want_admin1)])

    def add_kind(kind, exclude, items, raw=None):
        if args.no_holdout:
            exclude = ""
        ex = sets.setdefault(kind, (exclude, []))[1]
        for it in items:
            name = raw if raw is not None else it[0]
            k = known(gz, name, it[2], it[3], exclude)
            ex.append(it + (k, spelt(gz, name, it[2], it[3], exclude) if k and not is_arabic(name) else None))

    sa = load_sa(args.shared)
    osm = load_osm(args.shared)
    gn = load_geonames(args.shared)
    ov = load_ocha_variants(args.shared)
    src = [(sa, "syrianarchive"), (osm, "osm"), (gn, "geonames")]
    for items, excl in src:
        for kind, q, lon, lat in items:
            add_kind(kind, excl, [(q, None, lon, lat, None)])
            a1 = gz.admin1_of(q, excl, lon, lat)
            if a1:
                sp = GOV_SPELLINGS[a1]
                if rnd.random() < 0.5:
                    g = sp[-1] if is_arabic(q) else rnd.choice(sp[:-1])
                    add_kind(kind + "+ctx", excl, [(q, g, lon, lat, a1)], q)
                else:
                    # the governorate in the text, in the ways reports write
                    # it ("countryside" only where it does not change the
                    # governorate: rural Damascus is Rif Dimashq)
                    rural = a1 not in ("SY01", "SY03") and km(lon, lat, *CAPITALS[a1]) > 10
                    d = side(lon, lat, *CAPITALS[a1])  # the true side, as a report says it
                    if is_arabic(q):
                        t = rnd.choice(AR_TEMPLATES if rural else AR_TEMPLATES[:1])
                        text = t.format(q=q, g=sp[-1], d=AR_DIRS[d], dn=AR_DIR_NOUNS[d])
                    else:
                        t = rnd.choice(EN_TEMPLATES if rural else EN_TEMPLATES[:1])
                        text = t.format(q=q, g=rnd.choice(sp[:-1]), d=EN_DIRS[d])
                    add_kind(kind + "+ctx", excl, [(text, None, lon, lat, a1)], q)
    for kind, q, lon, lat, a1 in ov:
        add_kind(kind, "", [(q, None, lon, lat, None)])
        add_kind(kind + "+ctx", "", [(q, rnd.choice(GOV_SPELLINGS[a1][:-1]), lon, lat, a1)])

    # report spellings
    rep, rep_amb, rep_gov, rep_prom = [], [], [], []
    with open(args.spellings, encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(lines):
        pc = r["pcode"]
        if pc not in gz.by_pcode:
            print("warning: %s not in the gazetteer" % pc, file=sys.stderr)
            continue
        lon, lat, a1 = gz.by_pcode[pc]
        named = r["governorate"] or any(w in r["query"] for w in
                                         ("governorate", "suburbs", "Ghouta", "ريف", "محافظة"))
        item = (r["query"], r["governorate"] or None, lon, lat, a1 if named else None)
        {"resolved": rep, "ambiguous": rep_amb, "governorate": rep_gov,
         "prominent": rep_prom}[r["expect"]].append(item)
    add_kind("report", "curated", rep)

    # ambiguous names: shared by communities more than 20 km apart
    names = {}
    with open(os.path.join(args.shared, "ocha", "syr_communities_points.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names.setdefault(r["admin4_name_en"].lower(), []).append(
                (float(r["lon"]), float(r["lat"]), r["admin3_pcode"][:4], r["admin4_name_en"]))
    amb = []
    for k, v in sorted(names.items()):
        if len(v) >= 2 and max(km(a[0], a[1], b[0], b[1]) for a in v for b in v) > 20:
            amb.append(v)

    print("%-22s %5s  %7s  %5s %7s  %6s  %6s  %5s  %4s  %4s %5s" %
          ("kind", "n", "<=5km", "n_knw", "known", "ambig", "unres", "gov", "wrongHi", "prom", "right"))
    print("(known: the subset whose place the index knows without the held-out source;"
          " prom: answers chosen by the prominence prior, and how many of them are right)")
    results = {}
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    total = {"en": Tally(), "ar": Tally(), "en_noctx": Tally(), "en_ctx": Tally(),
             "ar_noctx": Tally(), "ar_ctx": Tally(), "en_spelt": Tally(), "en_spelt_noctx": Tally(),
             "en_spelt_ctx": Tally(), "en_other": Tally()}
    by_src = {}  # (kind, spelt) -> Tally of known English queries
    for kind in sorted(sets):
        excl, items = sets[kind]
        answers = run(args.strikemap, args.gazetteer, [(q, g) for q, g, _, _, _, _, _ in items], excl)
        t = Tally()
        for (q, g, lon, lat, a1, r, sp), a in zip(items, answers):
            t.add(a, lon, lat, a1, r)
            if dump:
                a = dict(a, kind=kind, known=r, spelt=sp, want_admin1=a1, ref=[lon, lat], ref_km=(round(km(a["lon"], a["lat"], lon, lat), 2)
                                               if a.get("lon") is not None else None))
                dump.write(json.dumps(a, ensure_ascii=False) + "\n")
            if kind.startswith("gn_skel"):
                continue
            lang = "ar" if is_arabic(q) else "en"
            total[lang].add(a, lon, lat, a1, r)
            total[lang + ("_ctx" if kind.endswith("+ctx") else "_noctx")].add(a, lon, lat, a1, r)
            if lang == "en" and r:
                total["en_spelt" if sp else "en_other"].add(a, lon, lat, a1, r)
                if sp:
                    total["en_spelt" + ("_ctx" if kind.endswith("+ctx") else "_noctx")].add(a, lon, lat, a1, r)
                by_src.setdefault((kind, bool(sp)), Tally()).add(a, lon, lat, a1, r)
        results[kind] = t
        print(t.row(kind))
        for m in t.misses[:args.misses]:
            print("    miss:", m)
    for k in ("en", "en_noctx", "en_ctx", "ar", "ar_noctx", "ar_ctx"):
        results["all_" + k] = total[k]
        print(total[k].row("ALL " + ("English" if k.startswith("en") else "Arabic") +
                           {"": "", "_noctx": " no ctx", "_ctx": " +ctx"}[k[2:]]))
    print("(known English queries split: a spelling of a Latin name another reference source gives the place,"
          " or another name)")
    for k, label in (("en_spelt_noctx", "EN spelt no ctx"), ("en_spelt_ctx", "EN spelt +ctx"),
                     ("en_other", "EN other names")):
        results["all_" + k] = total[k]
        print(total[k].row(label))
    for (kind, sp), t in sorted(by_src.items()):
        print(t.row("  %s %s" % (kind, "spelt" if sp else "other")))

    # reliability: share of resolved answers right within 5 km, by score band
    hi_right = {}
    bands = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    print("reliability (held-out, resolved answers): score band -> right within 5 km")
    print("%-12s %14s %14s" % ("band", "English", "Arabic"))
    for lo, hi in bands:
        cells = []
        for lang in ("en", "ar"):
            xs = [r for s, r in total[lang].scored if lo <= s < hi]
            cells.append("%5d %6.1f%%" % (len(xs), 100.0 * sum(xs) / len(xs)) if xs else "%5d      -" % 0)
        print("[%.1f,%.1f)    %14s %14s" % (lo, min(hi, 1.0), cells[0], cells[1]))
    for lang in ("en", "ar"):
        xs = [r for s, r in total[lang].scored if s >= 0.8]
        hi_right[lang] = sum(xs) / len(xs) if xs else 0.0
        print("score >= 0.8 %s: %d answers, %.1f%% right, %d wrong" %
              (lang, len(xs), 100.0 * sum(xs) / len(xs) if xs else 0, len(xs) - sum(xs)))

    # ambiguity: no context -> must not be resolved with a high score
    rows = [(v[0][3], None) for v in amb]
    answers = run(args.strikemap, args.gazetteer, rows, "")
    n_amb = sum(1 for a in answers if a["status"] == "ambiguous")
    wrong_hi = sum(1 for a in answers if a["status"] == "resolved" and a["score"] >= 0.8)
    # with the governorate: right when the name is unique in that governorate
    ctx_rows, ctx_ref = [], []
    for v in amb:
        for lon, lat, a1, nm in v:
            if sum(1 for x in v if x[2] == a1) == 1:
                ctx_rows.append((nm, GOV_SPELLINGS[a1][0]))
                ctx_ref.append((lon, lat, a1))
    ans2 = run(args.strikemap, args.gazetteer, ctx_rows, "")
    t2 = Tally()
    for (lon, lat, a1), a in zip(ctx_ref, ans2):
        t2.add(a, lon, lat, a1)
    results["shared_name+ctx"] = t2
    print(t2.row("shared_name+ctx"))
    for m in t2.misses[:args.misses]:
        print("    miss:", m)
    print("shared names without context: %d asked, %d ambiguous, %d resolved with score >= 0.8"
          % (len(answers), n_amb, wrong_hi))
    ra = run(args.strikemap, args.gazetteer, [(q, g) for q, g, _, _, _ in rep_amb], "curated")
    rep_amb_ok = sum(1 for a in ra if a["status"] != "resolved")
    rg = run(args.strikemap, args.gazetteer, [(q, g) for q, g, _, _, _ in rep_gov], "curated")
    rep_gov_ok = sum(1 for a, it in zip(rg, rep_gov)
                     if a["status"] == "resolved" and a["precision"] == 3 and a["pcode"] == it[4])
    rp = run(args.strikemap, args.gazetteer, [(q, g) for q, g, _, _, _ in rep_prom], "curated")
    rep_prom_ok = sum(1 for a, it in zip(rp, rep_prom)
                      if a["status"] == "resolved" and a["score"] < 0.8 and
                      km(a["lon"], a["lat"], it[2], it[3]) <= 5)
    print("report ambiguous cases kept ambiguous: %d/%d; chosen by prominence (score < 0.8): %d/%d;"
          " governorate-only answers: %d/%d"
          % (rep_amb_ok, len(rep_amb), rep_prom_ok, len(rep_prom), rep_gov_ok, len(rep_gov)))

    failed = []
    for spec in filter(None, args.check.split(",")):
        k, v = spec.split("=")
        v = float(v)
        if k == "gov":
            for kind, t in results.items():
                if t.gov_n and t.gov_right / t.gov_n < v:
                    failed.append("%s governorate %.3f < %.3f" % (kind, t.gov_right / t.gov_n, v))
        elif k == "amb_wrong_high":
            if wrong_hi > v:
                failed.append("shared names resolved with a high score: %d > %d" % (wrong_hi, v))
        elif k == "report_special":
            if rep_amb_ok < len(rep_amb) or rep_gov_ok < len(rep_gov) or rep_prom_ok < len(rep_prom):
                failed.append("report ambiguous/prominent/governorate cases")
        elif k.startswith("hi_right_"):
            # resolved answers scoring >= 0.8 (held-out sources): share right
            got = hi_right.get(k[len("hi_right_"):], 0.0)
            if got < v:
                failed.append("%s %.3f < %.3f" % (k, got, v))
        elif k.startswith("reach_"):
            t = results.get(k[len("reach_"):])
            got = t.reach_right / t.reach_n if t and t.reach_n else 0
            if got < v:
                failed.append("%s %.3f < %.3f" % (k, got, v))
        else:
            t = results.get(k)
            got = t.right / t.n if t and t.n else 0
            if got < v:
                failed.append("%s %.3f < %.3f" % (k, got, v))
    for f in failed:
        print("FAIL:", f)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
