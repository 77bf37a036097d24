"""The policy: which plan levels exist, their order from the top, and the settings
that the checks use (``top_level``, ``max_level_jump``, ``coverage_levels``).

>>> TH_ONE_PLAN.position("province")
4
>>> TH_ONE_PLAN.level_for("แผนพัฒนาจังหวัด")
'province'
>>> TH_ONE_PLAN.level_for("แผนหมู่บ้าน")
'community'
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from stratlink.errors import PolicyError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


@dataclass(frozen=True)
class Level:
    name: str
    label_th: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class Policy:
    name: str
    levels: tuple[Level, ...]
    top_level: str
    max_level_jump: int = 3
    coverage_levels: tuple[str, ...] = ()
    _index: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        index: dict[str, int] = {}
        for pos, lvl in enumerate(self.levels):
            index[lvl.name] = pos
        aliases: dict[str, str] = {}
        for lvl in self.levels:
            for word in (lvl.name, lvl.label_th, lvl.label_en):
                # "แผนชุมชน / แผนหมู่บ้าน": the whole label and each of its parts
                for alias in [word, *word.split("/")] if word else []:
                    if alias.strip():
                        aliases.setdefault(_fold(alias), lvl.name)
        self._index["pos"] = index
        self._index["alias"] = aliases

    @property
    def level_names(self) -> tuple[str, ...]:
        return tuple(lvl.name for lvl in self.levels)

    def position(self, level: str) -> int:
        """Ladder position of ``level`` (0 is the top); KeyError if unknown."""
        return self._index["pos"][level]

    def level_for(self, word: str) -> str | None:
        """The level a cell value names (its name or its Thai/English label), or None."""
        return self._index["alias"].get(_fold(word))

    def level(self, name: str) -> Level:
        return self.levels[self.position(name)]


def _fold(word: str) -> str:
    return " ".join(word.split()).casefold()


TH_ONE_PLAN = Policy(
    name="th-one-plan",
    levels=(
        Level("national", "ยุทธศาสตร์ชาติ", "National Strategy"),
        Level("master", "แผนระดับที่ 2", "Master plans (level 2)"),
        Level("regional", "แผนพัฒนาภาค", "Regional development plan"),
        Level("cluster", "แผนพัฒนากลุ่มจังหวัด", "Province-cluster development plan"),
        Level("province", "แผนพัฒนาจังหวัด", "Provincial development plan"),
        Level("district", "แผนพัฒนาอำเภอ", "District plan"),
        Level("local", "แผนพัฒนาท้องถิ่น", "Local government development plan"),
        Level("community", "แผนชุมชน / แผนหมู่บ้าน", "Village and community plan"),
    ),
    top_level="national",
    max_level_jump=3,
    coverage_levels=("province",),
)

BUILTIN_POLICIES = {TH_ONE_PLAN.name: TH_ONE_PLAN}


def load_policy(source: str | Path | Policy | None) -> Policy:
    """Return a built-in policy by name, read a TOML policy file, or pass a
    :class:`Policy` through (None is ``th-one-plan``).

    The file format::

        name = "sdg"
        top_level = "sdg"
        max_level_jump = 2
        coverage_levels = ["ministry"]

        [[levels]]            # top first
        name = "sdg"
        label_th = "เป้าหมายการพัฒนาที่ยั่งยืน"
        label_en = "Sustainable Development Goals"

    ``levels`` may also be a plain list of names. Settings left out take the
    spec's defaults (``top_level`` = the first level, ``max_level_jump`` = 3,
    ``coverage_levels`` = none).

    Parameters
    ----------
    source:
        A built-in policy name (``"th-one-plan"``), a TOML file path, a
        :class:`Policy`, or None.

    Returns
    -------
    Policy

    Raises
    ------
    PolicyError
        An unknown name, or a file that cannot be read or is not a valid policy.

    Examples
    --------
    >>> load_policy("th-one-plan").top_level
    'national'
    >>> load_policy(None) is load_policy(TH_ONE_PLAN) is TH_ONE_PLAN
    True
    """
    if source is None:
        return TH_ONE_PLAN
    if isinstance(source, Policy):
        return source
    if isinstance(source, str) and source in BUILTIN_POLICIES:
        return BUILTIN_POLICIES[source]
    path = Path(source)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise PolicyError.keyed("error.no_policy_file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError.keyed("error.policy.cannot_read", path=path, reason=exc) from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError.keyed("error.policy.toml", path=path, reason=exc) from None
    return policy_from_dict(data, origin=str(path))


def policy_from_dict(data: dict, origin: str = "policy") -> Policy:
    raw_levels = data.get("levels")
    if not isinstance(raw_levels, list) or not raw_levels:
        raise PolicyError.keyed("error.policy.levels", origin=origin)
    levels = []
    for i, item in enumerate(raw_levels):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            raise PolicyError.keyed("error.policy.level_name", origin=origin, i=i)
        levels.append(
            Level(
                str(item["name"]).strip(),
                str(item.get("label_th", "")).strip(),
                str(item.get("label_en", "")).strip(),
            )
        )
    names = [lvl.name for lvl in levels]
    if len(set(names)) != len(names):
        raise PolicyError.keyed("error.policy.unique", origin=origin)
    top = str(data.get("top_level", names[0]))
    if top not in names:
        raise PolicyError.keyed("error.policy.top_level", origin=origin, top=top, names=names)
    jump = data.get("max_level_jump", 3)
    if not isinstance(jump, int) or isinstance(jump, bool) or jump < 1:
        raise PolicyError.keyed("error.policy.jump", origin=origin)
    cov = data.get("coverage_levels", [])
    if isinstance(cov, str):
        cov = [cov]
    for c in cov:
        if c not in names:
            raise PolicyError.keyed("error.policy.coverage_level", origin=origin, level=c, names=names)
    return Policy(
        name=str(data.get("name", origin)),
        levels=tuple(levels),
        top_level=top,
        max_level_jump=jump,
        coverage_levels=tuple(cov),
    )
