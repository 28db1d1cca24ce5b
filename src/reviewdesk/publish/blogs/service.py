"""What every blog service does, and what it is given and gives back."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from reviewdesk.publish.blogs.accounts import Account
from reviewdesk.publish.blogs.content import ImageUse
from reviewdesk.publish.blogs.http import Http
from reviewdesk.publish.blogs.uploads import Uploaded


@dataclass(frozen=True)
class Remote:
    """A post as the blog has it."""

    id: str
    url: str
    status: str  # the service's own word: publish, draft, published, trash, ...
    live: bool | None  # None: the blog did not say
    extra: dict = field(default_factory=dict, compare=False)  # what an update needs (Ghost's updated_at)
    trashed: bool = False


@dataclass(frozen=True)
class Fields:
    """The post as sent."""

    title: str
    html: str
    excerpt: str
    slug: str
    tags: list[str]
    season: str
    # "draft" or "publish"; None leaves the blog's status as it is (a live
    # post is never turned back into a draft)
    status: str | None
    cover: Uploaded | None = None


class Blog(ABC):
    service = ""

    def __init__(self, account: Account, transport=None):
        self.account = account
        self.http = self._http(transport)
        self.notes: list[str] = []  # things the writer should know; not failures

    def _http(self, transport) -> Http:
        return Http(self.account, transport=transport)

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @abstractmethod
    def connect(self) -> None:
        """Find the API from the site's address and check the account is let in."""

    @abstractmethod
    def upload(self, use: ImageUse, data: bytes) -> Uploaded:
        """Send one image; its address (and id) on the blog."""

    def web_cover(self, use: ImageUse) -> Uploaded:
        """A cover given as a web address, as the service's featured image takes it."""
        return Uploaded(use.src)

    @abstractmethod
    def fetch(self, remote_id: str) -> Remote | None:
        """The post as the blog has it now; None when the blog no longer has it."""

    @abstractmethod
    def create(self, fields: Fields) -> Remote: ...

    @abstractmethod
    def update(self, current: Remote, fields: Fields) -> Remote: ...
