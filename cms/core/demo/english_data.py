"""English translations of the demo pages: the home, the museum, every hall, and one page of each type."""

HOME = {
    "title": "World Wenzhou Merchants Museum and Information Platform",
    "intro": "The story of Wenzhou's merchants, and a service platform that brings them home: merchants, capital and talent.",
    "paragraphs": [
        "Wenzhou's homecoming policy invites the city's merchants across China and around the world to bring their capital, headquarters and talent home. This site serves that policy in three ways: a virtual museum of Wenzhou merchants, an information platform for investment projects, chambers of commerce and investment tours, and the news and campaigns of the publicity department.",
        "The goal for the three years to 2026 is 300 billion yuan of returned investment. Follow the progress on the project listings.",
    ],
}

MUSEUM = {
    "title": "World Wenzhou Merchants Museum",
    "intro": "Seven halls follow Wenzhou merchants from the banks of the Oujiang river across China and the world, and back home again.",
    "paragraphs": [
        "The museum is a public cultural project of Wenzhou's merchant homecoming policy. It combines online halls, a collection database and oral histories.",
        "Objects, documents and photographs donated by Wenzhou families around the world are on display. Families are welcome to donate objects through this site.",
    ],
}

# Hall slug -> (title, period, intro, preface)
HALLS = {
    "early-merchant-guilds": (
        "Roots: the Early Merchant Guilds of Wenzhou",
        "Southern Song to 1949",
        "From the Yongjia school's 'profit in harmony with righteousness' to the opening of the port in 1877, early Wenzhou merchants found their first trade routes between the mountains and the sea.",
        "Wenzhou has much mountain and little farmland, which pushed its people to make a living elsewhere. The port opened in 1877 and ships carried oranges, paper umbrellas and timber away, and with them the first Wenzhou emigrants.",
    ),
    "reform-and-wenzhou-model": (
        "Daring to Be First: Reform and the Wenzhou Model",
        "1978–1992",
        "After 1978, household workshops and specialised markets turned small commodities into a big market: the nationally known 'Wenzhou model'.",
        "Button markets in Qiaotou, low-voltage electrical goods in Liushi and badges in Jinxiang grew from family workshops. A hundred thousand travelling salesmen sold Wenzhou's goods across the country.",
    ),
    "across-china": (
        "Across China: Wenzhou Merchants Nationwide",
        "1992–2008",
        "From the 1990s Wenzhou people built markets, trade centres and factories across China, and Wenzhou chambers of commerce spread to every province.",
        "In 1995 the first Wenzhou chamber of commerce outside Wenzhou was founded in Kunming. Chambers in every province followed and formed a nationwide network.",
    ),
    "to-the-world": (
        "Home Everywhere: Wenzhou Merchants Worldwide",
        "1980–2015",
        "Hundreds of thousands of Wenzhou people opened shops and factories in Europe, the Americas, the Middle East and Africa.",
        "From leather workshops in Paris and garment factories in Prato to wholesale districts in Madrid, trade centres in Dubai and Johannesburg, Wenzhou merchants extended their home town's supply chains around the world.",
    ),
    "homecoming": (
        "Giving Back: the Merchant Homecoming",
        "2011–",
        "Since 2011 Wenzhou has invited its merchants to bring capital, projects, talent and headquarters home.",
        "A national federation, 31 provincial chambers and many city chambers organise two to three investment tours home every month. Key projects each have a named service officer, and a hundred leading merchants set the example.",
    ),
    "new-era": (
        "Wenzhou Merchants in a New Era",
        "2018–today",
        "Digital economy, new energy and biomedicine: a new generation of Wenzhou merchants takes over from their parents.",
        "In 2018 Wenzhou became a pilot zone for the healthy development of the private economy. Merchants are moving into smart electrical equipment, new energy and digital industries.",
    ),
    "merchant-spirit": (
        "The Merchant Spirit: Daring and Enterprising",
        "Through the ages",
        "'Dare to be first, and be especially enterprising': the spirit that carried Wenzhou merchants through every cycle.",
        "From the Yongjia school to the 'four thousands' spirit of the reform years, from mutual help in chambers to love of the home town, this hall looks at the spirit behind the story.",
    ),
}

EXHIBIT = {
    "slug": "qiaotou-button-market",
    "title": "Small Buttons, Big Market: the Qiaotou Button Market",
    "intro": "Qiaotou in Yongjia grew from a roadside button stall into 'the first button market of the East'.",
    "paragraphs": [
        "In the early 1980s cotton fluffers from Qiaotou brought buttons back from other provinces and sold them by the road. Buyers came from all over China; at its height the market had hundreds of stalls and over a thousand kinds of buttons.",
        "A button earns very little, but by selling in volume many later entrepreneurs made their first capital at a stall in Qiaotou.",
    ],
    "quote": ("A one-cent button built a great market.", "An early stall holder (sample)"),
}

COLLECTION = (
    "The Collection",
    "Objects donated by Wenzhou families around the world: documents, photographs, tools, products and signboards.",
)
MERCHANTS = (
    "Wenzhou Merchants",
    "Life stories of Wenzhou merchants. The people shown here are fictional sample content.",
)
TIMELINE = (
    "Timeline of Wenzhou Merchants",
    "Milestones in the history of Wenzhou merchants, from the Southern Song to today.",
)
NEWS_INDEX = ("News", "News from the merchant homecoming and the museum.")
CAMPAIGN_INDEX = ("Campaigns", "Publicity campaigns of the merchant homecoming.")
PROJECT_INDEX = (
    "Investment Projects",
    "Investment projects open to returning merchants, each key project with a named service officer.",
)
CHAMBER_INDEX = (
    "Chamber Network",
    "The 1+31+X network: one national federation, 31 provincial chambers and city chambers.",
)
EVENT_INDEX = (
    "Investment Tours Home",
    "Two to three investment tours home every month, organised by Wenzhou chambers.",
)

MILESTONES = {
    1131: "Wenzhou opens a maritime trade office",
    1223: "Death of Ye Shi of the Yongjia school",
    1876: "The Chefoo Convention is signed",
    1877: "Wenzhou opens as a treaty port",
    1906: "Wenzhou chamber of commerce founded",
    1912: "Wenzhou emigrants travel to Europe",
    1936: "Wenzhou association in Shanghai expands",
    1978: "Reform and opening up",
    1980: "First licences for individual businesses",
    1983: "Qiaotou button market built",
    1984: "Longgang, the farmers' town, founded",
    1985: "The 'Wenzhou model' in the press",
    1987: "Shoes burned in Hangzhou; rural reform pilot zone",
    1992: "Wenzhou markets across China",
    1995: "First Wenzhou chamber outside Wenzhou, in Kunming",
    2001: "China joins the WTO",
    2004: "Dragon Mart opens in Dubai",
    2011: "The merchant homecoming begins",
    2012: "Wenzhou financial reform pilot zone",
    2013: "Service officers for key projects",
    2018: "Pilot zone for the healthy private economy",
    2019: "Longgang becomes a city",
    2024: "300 billion yuan goal; leading merchants; museum online",
    2025: "Chamber network covers every province",
    2026: "The final year of the goal",
}

ARTIFACT = {
    "title_suffix": "Sample Card of Buttons",
    "intro": "A card of buttons with item numbers and prices, as traded at the Qiaotou button market.",
    "description": "<p>Dozens of buttons of different sizes sewn onto cardboard, each marked with an item number and a unit price. Cards like this were how buyers ordered at the Qiaotou market.</p>",
    "era": "1980s",
    "materials": "Plastic, resin, metal, cardboard",
}

MERCHANT = {
    "slug": "wang-haoran",
    "title": "Wang Haoran",
    "intro": "Born in Yongjia in 1962, Wang Haoran sold shoes in Paris for thirty years before bringing a design centre home. (Fictional sample person.)",
    "paragraphs": [
        "Wang Haoran left Yongjia at twenty to work in a relative's leather workshop in Paris. Ten years later he ran his own wholesale business for shoes and garments.",
        "In 2024 he was appointed one of the hundred leading merchants and invested in a fashion design centre in Lucheng.",
    ],
}

PROJECT = {
    "slug": "energy-storage-park",
    "title": "Energy Storage System Integration Park",
    "intro": "An industrial park for energy storage cells, modules and system integration in Yueqing.",
    "description": "<p>Total investment of 3.6 billion yuan by a returning Wenzhou merchant. The project builds production lines for storage cells, modules and integrated systems.</p>",
}

CHAMBER = {
    "slug": "national-federation",
    "title": "National Federation of Wenzhou Chambers of Commerce",
    "intro": "The '1' of the 1+31+X network: it coordinates the 31 provincial chambers and city chambers across China.",
    "description": "<p>The federation organises investment tours home, passes on project information and represents Wenzhou merchants across China.</p>",
}

CAMPAIGN = {
    "slug": "goal-countdown",
    "title": "300 Billion in Three Years: the Final Year",
    "intro": "A campaign for the final year of the homecoming investment goal.",
    "theme": "The final push: homecoming starts with me",
    "audience": "Wenzhou merchants in China and abroad; the counties and districts of Wenzhou",
    "paragraphs": [
        "The campaign follows key projects to completion and tells the stories of service officers."
    ],
}

NEWS = {
    "slug": "museum-online",
    "title": "The World Wenzhou Merchants Museum Opens Online",
    "intro": "Seven halls and over a hundred objects are now online.",
    "byline": "Staff reporter",
    "paragraphs": [
        "The online museum follows the history of Wenzhou merchants through seven halls.",
        "Visitors can browse the collection, merchant stories and the timeline, and donate objects online.",
    ],
}

EVENT = {
    "slug": "2024-04-europe",
    "title": "Investment Tour Home of European Wenzhou Merchants",
    "intro": "58 Wenzhou merchants from France, Italy and Spain visited projects in the home town of overseas Chinese.",
    "delegation_origin": "Wenzhou chambers of commerce in France, Italy and Spain",
    "organiser": "United Front Work Department and Foreign Affairs Office of Wenzhou",
    "paragraphs": [
        "The delegation visited the site of the overseas Chinese cultural tourism town in Wencheng and met local officials."
    ],
}

ABOUT = {
    "title": "About This Site",
    "intro": "The World Wenzhou Merchants Museum and Information Platform is run by the Wenzhou Municipal People's Government.",
    "paragraphs": [
        "The site has three parts: the online museum, the information platform (projects, chambers, investment tours, leading merchants, progress of returned investment) and publicity.",
        "Some people, enterprises and contact details are sample content for demonstration and are marked as such.",
    ],
}
