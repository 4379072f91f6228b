"""Where a record's displayed link may point: primary sources only, each host with the reason it qualifies.

A record's displayed link is its DOI (through doi.org), else its PMID (through PubMed), else its url; an
identifier the record lists under `unchecked` (seen in one place only) is never made into the link.
Copies on other hosts (mirrors, aggregators, news, clinic and marketing sites) may be kept in a record's
`sources`, never shown as its link.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlparse

# Host -> why a page there is a primary source. A host also covers its subdomains.
PRIMARY_HOSTS: dict[str, str] = {
    # Identifiers and bibliographic databases
    "doi.org": "resolves a DOI to the publisher's page of record",
    "pubmed.ncbi.nlm.nih.gov": "PubMed, the US National Library of Medicine's record of the paper",
    "ncbi.nlm.nih.gov": "the National Library of Medicine (PubMed and PMC pages)",
    "europepmc.org": "Europe PMC, the European mirror of PubMed and PMC run by EMBL-EBI",
    # Trial registries
    "clinicaltrials.gov": "the US trial registry, with posted results",
    "anzctr.org.au": "the Australian New Zealand Clinical Trials Registry",
    "isrctn.com": "the ISRCTN registry",
    "chictr.org.cn": "the Chinese Clinical Trial Registry",
    "clinicaltrialsregister.eu": "the EU Clinical Trials Register",
    # Regulators and public bodies
    "fda.gov": "the US Food and Drug Administration (including accessdata, FDALabel and the REMS pages)",
    "dailymed.nlm.nih.gov": "DailyMed, the NLM's copy of labels as submitted to the FDA",
    "ema.europa.eu": "the European Medicines Agency",
    "ec.europa.eu": "the European Commission (marketing authorisations)",
    "gov.uk": "UK government bodies: MHRA, the Advisory Council on the Misuse of Drugs",
    "ansm.sante.fr": "France's medicines agency",
    "canada.ca": "Health Canada",
    "hres.ca": "Health Canada's recalls and safety alerts",
    "govinfo.gov": "the US Government Publishing Office (Federal Register, Code of Federal Regulations)",
    "federalregister.gov": "the Federal Register",
    "deadiversion.usdoj.gov": "the US Drug Enforcement Administration's diversion control division",
    "who.int": "the World Health Organization",
    "ecddrepository.org": "the repository of the WHO Expert Committee on Drug Dependence",
    "whocc.no": "the WHO Collaborating Centre for Drug Statistics Methodology, which keeps the ATC index",
    "atcddd.fhi.no": "the ATC/DDD index of the WHO Collaborating Centre (Norwegian Institute of Public Health)",
    "nice.org.uk": "the UK National Institute for Health and Care Excellence",
    # Marketing-authorisation holders, for their own label, REMS and announcements
    "spravatorems.com": "the FDA-approved Spravato REMS programme site, run by the authorisation holder",
    "jnj.com": "Johnson & Johnson, the authorisation holder of Spravato, for its own announcements",
    "pfizermedicalinformation.com": "Pfizer's US medical-information site, for the labels of its own products",
    "pfizermedical.com": "Pfizer's US medical-information site (newer address), for the labels of its own products",
    "pfizermedicalinformation.ca": "Pfizer Canada's site, for the Health Canada product monographs of its own products",
    "jnjmedicalconnect.com": "Janssen's medical-information site, for the Spravato label it holds",
    # Publishers and journals
    "jamanetwork.com": "the JAMA Network journals",
    "psychiatryonline.org": "the American Psychiatric Association's journals",
    "psychiatrist.com": "the Journal of Clinical Psychiatry",
    "nature.com": "Springer Nature journals",
    "springer.com": "Springer journals",
    "thelancet.com": "The Lancet journals",
    "nejm.org": "The New England Journal of Medicine",
    "bmj.com": "BMJ journals",
    "sciencedirect.com": "Elsevier journals",
    "cell.com": "Cell Press journals",
    "jsatjournal.com": "the Journal of Substance Abuse Treatment (Elsevier)",
    "biologicalpsychiatryjournal.com": "Biological Psychiatry",
    "onlinelibrary.wiley.com": "Wiley journals",
    "tandfonline.com": "Taylor & Francis journals",
    "journals.plos.org": "PLOS journals",
    "frontiersin.org": "Frontiers journals",
    "academic.oup.com": "Oxford University Press journals",
    "journals.sagepub.com": "SAGE journals",
    "cambridge.org": "Cambridge University Press journals",
    "karger.com": "Karger journals",
    "mdpi.com": "MDPI journals",
    "pubs.asahq.org": "Anesthesiology (American Society of Anesthesiologists)",
    "cochranelibrary.com": "the Cochrane Library",
    "journals.lww.com": "Wolters Kluwer journals",
    "clinicalneuropsychiatry.org": "Clinical Neuropsychiatry",
    "pnas.org": "PNAS",
    "science.org": "Science journals",
    "physiology.org": "American Physiological Society journals",
    "aspetjournals.org": "ASPET journals",
}


def displayed_link(
    doi: str | None, pmid: str | None, url: str | None, unchecked_fields: Collection[str] = ()
) -> str | None:
    """The link a record shows: its checked DOI through doi.org, else its checked PMID's PubMed page, else its url."""
    # An identifier seen in one place only may be wrong, and a link built from it would look checked.
    if doi and "doi" not in unchecked_fields:
        return f"https://doi.org/{doi}"
    if pmid and "pmid" not in unchecked_fields:
        return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
    return url


def primary_host(link: str) -> str | None:
    """The PRIMARY_HOSTS entry a link's host falls under, or None when it is not a primary source."""
    host = (urlparse(link).hostname or "").lower()
    for allowed in PRIMARY_HOSTS:
        if host == allowed or host.endswith("." + allowed):
            return allowed
    return None
